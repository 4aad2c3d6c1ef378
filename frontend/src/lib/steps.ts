import type { FieldName } from './api';
import { m } from '../i18n';

/** Wizard steps in order; the id is what a draft stores as its step. */
export const steps = [
  'start',
  'admin',
  'scopes',
  'subdomain',
  'account_type',
  'tenant',
  'credentials',
  'verify',
  'export',
] as const;

export type StepId = (typeof steps)[number];

export function isStepId(value: string): value is StepId {
  return (steps as readonly string[]).includes(value);
}

export const stepLabels: Record<StepId, string> = {
  start: m.stepStart,
  admin: m.stepAdmin,
  scopes: m.stepScopes,
  subdomain: m.stepSubdomain,
  account_type: m.stepAccountType,
  tenant: m.stepTenant,
  credentials: m.stepCredentials,
  verify: m.stepVerify,
  export: m.stepExport,
};

/** Step that shows each field, for "Go to <field>". */
export const fieldSteps: Record<FieldName, StepId> = {
  subdomain: 'subdomain',
  account_type: 'account_type',
  identity_host: 'account_type',
  tenant: 'tenant',
  client_id: 'credentials',
  client_secret: 'credentials',
};

export const fieldLabels: Record<FieldName | 'network', string> = {
  subdomain: m.fieldSubdomain,
  account_type: m.fieldAccountType,
  identity_host: m.fieldIdentityHost,
  tenant: m.fieldTenant,
  client_id: m.fieldClientId,
  client_secret: m.fieldClientSecret,
  network: m.fieldNetwork,
};

export function isFieldName(value: string): value is FieldName {
  return value in fieldSteps;
}

/** Id of the input element of a field, used to focus it. */
export function fieldInputId(field: FieldName): string {
  return `field-${field}`;
}
