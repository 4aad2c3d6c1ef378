// English messages of the wizard. A translation is a new file that exports a
// value of type Messages with the same placeholders in each message.

declare const placeholderBrand: unique symbol;

/** A message whose text contains the placeholders P, written as {name}. */
export type Template<P extends string> = string & { readonly [placeholderBrand]?: P };

export interface Messages {
  appTitle: string;
  appTagline: string;
  versionLine: Template<'version' | 'commit'>;
  loading: string;
  startFailed: string;
  bridgeUnavailable: string;
  showDetails: string;
  copy: string;
  copied: string;
  copyFailed: string;
  saveFailed: string;
  cancel: string;

  demoBanner: string;
  demoScenario: string;
  demoScenarioFailed: string;
  demoFill: string;

  stepsLabel: string;
  stepStart: string;
  stepAdmin: string;
  stepScopes: string;
  stepSubdomain: string;
  stepAccountType: string;
  stepTenant: string;
  stepCredentials: string;
  stepVerify: string;
  stepExport: string;
  stepDone: string;
  stepCurrent: string;
  stepCounter: Template<'current' | 'total'>;
  back: string;
  next: string;
  nextBlockedPrefix: string;

  startTitle: string;
  startIntro: string;
  startNewHeading: string;
  startAtsLabel: string;
  startAtsUnavailable: string;
  startNameLabel: string;
  startNameHint: string;
  startWorkingOn: Template<'name'>;
  startDraftsHeading: string;
  startProfilesHeading: string;
  startNoDrafts: string;
  startDraftLine: Template<'step' | 'updated'>;
  startDraftTenant: Template<'tenant'>;
  startResume: Template<'name'>;
  startOpen: Template<'name'>;
  startDelete: Template<'name'>;
  startDeleteConfirm: Template<'name'>;
  startDeleteYes: string;
  startDeleteNo: string;
  blockedAts: string;
  blockedName: string;
  nameEmpty: string;
  nameTooLong: Template<'max'>;
  nameLeadingDot: string;
  nameBadCharacter: Template<'character'>;
  nameAllowed: string;
  nameSpaces: string;
  nameBlanks: string;
  nameInvisible: string;
  nameTaken: Template<'name'>;
  nameTakenOtherCase: Template<'name'>;

  adminTitle: string;
  adminIntro: string;
  adminRoleIntegration: string;
  adminRoleSupport: string;
  adminWhy: string;
  adminConfirm: string;
  blockedAdmin: string;

  scopesTitle: string;
  scopesIntro: string;
  scopesRead: string;
  scopesWrite: string;
  scopesCreate: string;
  scopesReadHeading: string;
  scopesReadIntro: string;
  scopesChangeHeading: string;
  scopesChangeIntro: string;
  scopesCopyRead: Template<'count'>;
  scopesCopyChange: Template<'count'>;
  scopesExactNames: string;
  scopesCopyAll: string;

  fieldSubdomain: string;
  fieldAccountType: string;
  fieldIdentityHost: string;
  fieldTenant: string;
  fieldClientId: string;
  fieldClientSecret: string;
  fieldNetwork: string;
  fieldChecking: string;
  fieldProblemAt: Template<'position'>;
  fieldEmpty: Template<'field'>;
  blockedChecking: Template<'field'>;
  blockedInvalid: Template<'field'>;
  blockedEmpty: Template<'field'>;

  subdomainTitle: string;
  subdomainIntro: string;
  subdomainHint: string;
  subdomainUsed: Template<'value'>;
  subdomainOtherDomain: Template<'domain' | 'types'>;
  illustrationUkgTitle: string;
  illustrationUkgDesc: string;
  illustrationSearch: string;
  illustrationWebServices: string;
  illustrationEndpointList: string;
  illustrationCopyThis: string;

  accountTitle: string;
  accountIntro: string;
  accountNote: string;
  accountEnvironment: Template<'environment'>;
  accountDomainMismatch: Template<'domain'>;
  accountAdvanced: string;
  accountIdentityHint: Template<'host'>;
  blockedAccountType: string;

  tenantTitle: string;
  tenantIntro: string;
  tenantHint: string;
  tenantUsed: Template<'value'>;
  illustrationAddressTitle: string;
  illustrationAddressDesc: string;
  illustrationTenant: string;

  credentialsTitle: string;
  credentialsIntro: string;
  clientIdHint: string;
  secretHint: string;
  secretShow: string;
  secretHide: string;
  secretKeptNote: string;
  storageLegend: string;
  storageRemember: string;
  storageRememberHint: string;
  storageAsk: string;
  storageAskHint: string;
  keychainPrompt: string;
  keychainReadPrompt: string;
  storeButtonRemember: string;
  storeButtonSession: string;
  storing: string;
  secretCancelled: string;
  secretClipboardCleared: string;
  secretStored: Template<'length'>;
  secretInSession: Template<'length'>;
  secretStoredNoLength: string;
  secretInSessionNoLength: string;
  secretRetry: string;
  secretResumeAsk: string;
  blockedSecret: string;
  supportHeading: string;
  supportIntro: string;
  supportLoading: string;
  noCredentialsButton: string;
  noCredentialsTitle: string;
  noCredentialsSaved: Template<'name'>;
  noCredentialsNext: string;

  verifyTitle: string;
  verifyIntro: string;
  verifyStart: string;
  verifyRunning: string;
  verifyCancel: string;
  verifyCancelling: string;
  verifyRetry: string;
  verifyCheckToken: string;
  verifyCheckScopes: string;
  verifyCheckProbe: Template<'name'>;
  verifyStatusRunning: string;
  verifyStatusOk: string;
  verifyStatusFailed: string;
  verifyStatusSkipped: string;
  verifyStatusCancelled: string;
  verifyStatusTimedOut: string;
  verifySimulatedHost: Template<'host'>;
  verifyVerified: string;
  verifyVerifiedSimulated: string;
  verifyFailed: string;
  verifyCancelled: string;
  verifyTimedOut: string;
  verifyPrevious: string;
  verifyGoTo: Template<'field'>;
  verifyMissingScopes: Template<'count'>;
  verifyMissingOne: Template<'scope'>;
  verifyMissingOneConnected: Template<'scope'>;
  verifyMissingManyConnected: Template<'count'>;
  verifyMissingScopesIntro: string;
  verifySkip: string;
  verifySkipReason: string;
  verifySkipReasonHint: string;
  verifySkipCancel: string;
  verifySkipped: Template<'reason'>;
  blockedVerify: string;
  blockedSkipReason: string;

  exportTitle: string;
  exportIntro: string;
  exportSkippedNote: Template<'reason'>;
  exportButton: string;
  exporting: string;
  exportCancelled: string;
  exportBlocked: string;
  exportSaved: string;
  exportPath: string;
  exportFingerprint: string;
  exportFingerprintHint: string;
  exportRecipient: string;
  exportUpload: string;
  exportAgain: string;

  // ---- support: tools for support staff -----------------------------------
  supportToolsHeading: string;
  supportToolsIntro: string;
  supportOpenSnapshot: string;
  supportOpenBundle: string;
  supportOpening: string;
  supportOpenCancelled: string;
  supportOpenFailed: string;
  supportOpenedSnapshot: Template<'name'>;
  supportOpenedSnapshotNoReplay: Template<'name'>;
  supportOpenedBundle: Template<'name'>;
  supportBundleHeading: Template<'file'>;
  supportBundleLockPassphrase: string;
  supportBundleLockIdentity: string;
  supportBundleSealedFor: Template<'fingerprints'>;
  supportPassphraseLabel: string;
  supportPassphraseHint: string;
  supportPassphraseShow: string;
  supportPassphraseHide: string;
  supportUnlockPassphrase: string;
  supportUnlockIdentity: string;
  supportUnlocking: string;
  supportUnlockCancel: string;
  supportIdentityCancelled: string;
  supportBundleExpired: Template<'date'>;
  supportBundleExpiredHint: string;
  supportOpenAnyway: string;
  supportSnapshotHeading: string;
  supportSnapshotSaving: string;
  supportSnapshotSaved: string;
  supportSnapshotPath: string;
  supportSnapshotCopyPath: string;
  supportSnapshotNoSecret: string;
  supportSnapshotCancelled: string;
  supportSnapshotNoLink: string;
  supportSnapshotFailed: string;
  supportNoticeClose: string;
  supportSealLegend: string;
  supportSealProduct: string;
  supportSealProductHint: string;
  supportSealPassphrase: string;
  supportSealPassphraseHint: string;
  supportSealPassphraseButton: string;
  supportSealPassphraseSaved: string;
  supportSealedTo: string;
  supportSealedToPassphrase: string;
  supportPassphraseShownOnce: string;
  supportPassphraseCopy: string;
  supportPassphraseSendApart: string;
  supportPassphraseForget: string;
  supportPassphraseForgotten: string;
}

export const en: Messages = {
  appTitle: 'UKG Link Assistant',
  appTagline: 'Link your UKG Pro Recruiting account, one step at a time.',
  versionLine: 'Version {version} ({commit})',
  loading: 'Loading…',
  startFailed: 'The assistant could not start.',
  bridgeUnavailable:
    'The window lost its connection to the assistant. Close the window and open UKG Link Assistant again.',
  showDetails: 'Show details',
  copy: 'Copy',
  copied: 'Copied to the clipboard.',
  copyFailed: 'Copying failed. Select the text and copy it with the keyboard instead.',
  saveFailed: 'Your progress could not be saved.',
  cancel: 'Cancel',

  demoBanner:
    'Demo mode: nothing is sent to UKG. A simulated UKG server answers on this computer.',
  demoScenario: 'Simulated situation',
  demoScenarioFailed: 'The simulated situation could not be changed.',
  demoFill: 'Fill in the demo values',

  stepsLabel: 'Steps',
  stepStart: 'Start',
  stepAdmin: 'Admin rights',
  stepScopes: 'Data permissions',
  stepSubdomain: 'Web-service address',
  stepAccountType: 'Account type',
  stepTenant: 'Tenant name',
  stepCredentials: 'Client ID and secret',
  stepVerify: 'Verify',
  stepExport: 'Export',
  stepDone: 'done',
  stepCurrent: 'current step',
  stepCounter: 'Step {current} of {total}',
  back: 'Back',
  next: 'Next',
  nextBlockedPrefix: 'Next is not available yet:',

  startTitle: 'Link a recruiting system',
  startIntro:
    'This assistant collects the values UKG needs, checks them with UKG, and saves them in a sealed file for the recruiting product.',
  startNewHeading: 'Start a new link',
  startAtsLabel: 'Which system do you want to link?',
  startAtsUnavailable: 'not available yet',
  startNameLabel: 'Name for this link',
  startNameHint: 'Letters, digits, dashes, underscores or dots, for example ukg-pro-recruiting.',
  startWorkingOn: 'You are working on the link “{name}”. Choose Next to go on.',
  startDraftsHeading: 'Resume a saved draft',
  startProfilesHeading: 'Open a finished link',
  startNoDrafts: 'No saved drafts yet.',
  startDraftLine: 'Stopped at “{step}”, saved {updated}',
  startDraftTenant: 'Tenant {tenant}',
  startResume: 'Resume {name}',
  startOpen: 'Open {name}',
  startDelete: 'Delete {name}',
  startDeleteConfirm: 'Delete the draft “{name}”? Its saved secret is removed from the keychain too.',
  startDeleteYes: 'Delete',
  startDeleteNo: 'Keep it',
  blockedAts: 'choose the system to link.',
  blockedName: 'enter a name for this link.',
  nameEmpty: 'Enter a name for this link.',
  nameTooLong: 'The name is too long: use at most {max} characters.',
  nameLeadingDot: 'The name cannot start with a dot.',
  nameBadCharacter: 'The name cannot contain {character}.',
  nameAllowed: 'Use only letters, digits, dashes (-), underscores (_) and dots, for example acme-recruiting.',
  nameSpaces: 'spaces',
  nameBlanks: 'tabs, line breaks or other blank characters',
  nameInvisible: 'invisible characters',
  nameTaken: 'A link named “{name}” exists already. Resume it below, or choose another name.',
  nameTakenOtherCase:
    'A link named “{name}” exists already, and names that differ only in capital letters count as the same. Choose another name.',

  adminTitle: 'Check your UKG rights',
  adminIntro: 'To finish this link you need one of these in UKG Pro:',
  adminRoleIntegration:
    'the Integration Administrator role, which can see the web-service addresses, or',
  adminRoleSupport:
    'the right to open a support case with UKG, because only UKG can create the client ID and secret.',
  adminWhy:
    'If you have neither, ask the UKG administrator of your company to do these steps or to open the support case for you.',
  adminConfirm: 'I have one of these rights, or someone who has them will help me.',
  blockedAdmin: 'confirm that you have the rights listed above.',

  scopesTitle: 'Data the recruiting product will use',
  scopesIntro:
    'UKG must enable these 14 permissions (OAuth scopes) for the client. The first group lets the product read data, the second lets it change data or add new records.',
  scopesRead: 'Read',
  scopesWrite: 'Write',
  scopesCreate: 'Create',
  scopesReadHeading: 'What the product may read',
  scopesReadIntro: 'These permissions let the product see the data, without changing anything.',
  scopesChangeHeading: 'What the product may change or create',
  scopesChangeIntro: 'These permissions let the product update records and add new ones.',
  scopesCopyRead: 'Copy the {count} read permissions',
  scopesCopyChange: 'Copy the {count} change and create permissions',
  scopesExactNames: 'Exact permission names for UKG support',
  scopesCopyAll: 'Copy all 14 names',

  fieldSubdomain: 'Web-service address',
  fieldAccountType: 'Account type',
  fieldIdentityHost: 'Identity host',
  fieldTenant: 'Tenant name',
  fieldClientId: 'Client ID',
  fieldClientSecret: 'Client secret',
  fieldNetwork: 'Network',
  fieldChecking: 'Checking…',
  fieldProblemAt: 'The problem is at character {position}.',
  fieldEmpty: '{field} is empty.',
  blockedChecking: 'the {field} is still being checked.',
  blockedInvalid: 'fix the {field}, as the message next to it explains.',
  blockedEmpty: 'enter the {field}.',

  subdomainTitle: 'Find the web-service address',
  subdomainIntro:
    'In UKG Pro, type “Web Services” in the search bar and open the Web Services page. Copy any web-service endpoint URL and paste it here.',
  subdomainHint: 'Paste the whole URL, the host name, or only the first part such as servicet.',
  subdomainUsed: 'Subdomain: {value}',
  subdomainOtherDomain:
    'This address ends in {domain}. On the Account type step, choose {types}.',
  illustrationUkgTitle: 'Where UKG Pro shows the web-service address',
  illustrationUkgDesc:
    'UKG Pro with “Web Services” typed in the search bar, the Web Services page open, and the first endpoint URL marked as the part to copy.',
  illustrationSearch: 'Search',
  illustrationWebServices: 'Web Services',
  illustrationEndpointList: 'Web service endpoint URLs',
  illustrationCopyThis: 'Copy any one of these',

  accountTitle: 'Choose the account type',
  accountIntro: 'The account type tells the assistant which UKG environment and domain to use.',
  accountNote:
    'UKG has not published this list. These are the best-known options; if none fits, ask UKG support which identity host your client uses and enter it under Advanced.',
  accountEnvironment: 'Environment: {environment}',
  accountDomainMismatch:
    'Your web-service address ends in {domain}, but this account type uses another domain.',
  accountAdvanced: 'Advanced: identity host',
  accountIdentityHint:
    'Leave empty to use {host}. Fill this in only if UKG support gave you another identity host.',
  blockedAccountType: 'choose an account type.',

  tenantTitle: 'Find the tenant name',
  tenantIntro:
    'Sign in to UKG Pro Recruiting and look at the address bar. The tenant name is the first part after the host name.',
  tenantHint: 'Paste the whole address, or only the tenant name such as USG1008IT124S.',
  tenantUsed: 'Tenant name: {value}',
  illustrationAddressTitle: 'Where the address bar shows the tenant name',
  illustrationAddressDesc:
    'A browser address bar with the address of UKG Pro Recruiting. The tenant name USG1008IT124S, between the host name and /Dashboard, is marked.',
  illustrationTenant: 'Tenant name',

  credentialsTitle: 'Enter the client ID and secret',
  credentialsIntro:
    'UKG support creates these for you. They are not the Web Services user name, password or API keys.',
  clientIdHint: 'Paste the client ID from the message UKG sent you.',
  secretHint: 'Paste the client secret. It is never shown in logs or saved in a plain file.',
  secretShow: 'Show secret',
  secretHide: 'Hide secret',
  secretKeptNote: 'The cleaned-up value is the one that will be kept.',
  storageLegend: 'Where should the secret be kept?',
  storageRemember: 'Save in the system keychain',
  storageRememberHint: 'You will not have to paste it again on this computer.',
  storageAsk: 'Don’t save, ask me next time',
  storageAskHint: 'The secret is kept in memory until you close the assistant.',
  keychainPrompt:
    'Your computer may now ask whether UKG Link Assistant may use the keychain. Choose Allow (or Always Allow) so the secret can be saved.',
  keychainReadPrompt:
    'The secret is saved in the system keychain, and your computer may ask whether UKG Link Assistant may read it. Choose Allow (or Always Allow) so the assistant can use it.',
  storeButtonRemember: 'Save the secret in the keychain',
  storeButtonSession: 'Keep the secret for this session',
  storing: 'Saving the secret…',
  secretCancelled:
    'Stopped waiting for the keychain. If the keychain still saves the secret, this page will say so.',
  secretClipboardCleared:
    'The secret was removed from your clipboard, so it cannot be pasted anywhere else by mistake.',
  secretStored: 'The secret is saved in the system keychain ({length} characters).',
  secretInSession: 'The secret is kept for this session ({length} characters).',
  secretStoredNoLength: 'The secret is saved in the system keychain.',
  secretInSessionNoLength: 'The secret is kept for this session.',
  secretRetry: 'Try again',
  secretResumeAsk: 'This link asks for the secret each time. Paste it again to go on.',
  blockedSecret: 'save the client secret, or keep it for this session.',
  supportHeading: 'Request to send to UKG support',
  supportIntro:
    'Open a support case with UKG and paste this text. It asks for the client ID, the secret and the 14 permissions.',
  supportLoading: 'Preparing the request…',
  noCredentialsButton: 'I don’t have them yet',
  noCredentialsTitle: 'Your draft is saved',
  noCredentialsSaved:
    'The draft “{name}” is saved with everything you entered so far. You can close the assistant now.',
  noCredentialsNext:
    'Send the request above to UKG support. When UKG sends you the client ID and secret, open UKG Link Assistant, choose Resume, and paste them on this step.',

  verifyTitle: 'Check the link with UKG',
  verifyIntro:
    'The assistant asks UKG for a token and reads a little data, without changing anything in UKG.',
  verifyStart: 'Verify now',
  verifyRunning: 'Checking with UKG…',
  verifyCancel: 'Cancel',
  verifyCancelling: 'Cancelling…',
  verifyRetry: 'Verify again',
  verifyCheckToken: 'Get a token from UKG',
  verifyCheckScopes: 'Check the 14 permissions',
  verifyCheckProbe: 'Read {name}',
  verifyStatusRunning: 'running',
  verifyStatusOk: 'passed',
  verifyStatusFailed: 'failed',
  verifyStatusSkipped: 'skipped',
  verifyStatusCancelled: 'cancelled',
  verifyStatusTimedOut: 'timed out',
  verifySimulatedHost: '{host} (simulated)',
  verifyVerified: 'Verified: UKG accepted the client and every permission is enabled.',
  verifyVerifiedSimulated: 'This check ran against the simulated UKG server of demo mode.',
  verifyFailed: 'Verification failed. Fix the problems below, then verify again.',
  verifyCancelled: 'Verification was cancelled. Nothing was changed.',
  verifyTimedOut:
    'UKG did not answer in time. Check the network or proxy, then verify again.',
  verifyPrevious: 'Result of the last verification of this draft:',
  verifyGoTo: 'Go to {field}',
  verifyMissingScopes: '{count} permissions are missing',
  verifyMissingOne: 'Permission {scope} is missing',
  verifyMissingOneConnected: 'Connected, but permission {scope} is missing',
  verifyMissingManyConnected: 'Connected, but {count} permissions are missing',
  verifyMissingScopesIntro: 'Send this list to UKG support and ask them to enable these permissions:',
  verifySkip: 'Continue without verifying',
  verifySkipReason: 'Why are you continuing without verifying?',
  verifySkipReasonHint:
    'For example: preparing offline, the credentials are not active yet. The reason is written into the file.',
  verifySkipCancel: 'Verify instead',
  verifySkipped: 'Continuing without verifying. Reason: {reason}',
  blockedVerify: 'verify the link, or continue without verifying and give a reason.',
  blockedSkipReason: 'give a reason for continuing without verifying.',

  exportTitle: 'Save the sealed file',
  exportIntro:
    'The file is encrypted for the recruiting product alone, so only it can read the secret inside.',
  exportSkippedNote: 'The file will say that verification was not run: {reason}',
  exportButton: 'Save the sealed file…',
  exporting: 'Saving the file…',
  exportCancelled: 'No file was saved.',
  exportBlocked:
    'Verify the link first, or choose “Continue without verifying” on the Verify step and give a reason.',
  exportSaved: 'The sealed file is saved.',
  exportPath: 'Saved as',
  exportFingerprint: 'Recipient fingerprint',
  exportFingerprintHint: 'If support asks which key the file is sealed for, quote this fingerprint.',
  exportRecipient: 'Recipient key',
  exportUpload: 'Where to upload it',
  exportAgain: 'Save another copy…',

  // ---- support: tools for support staff -----------------------------------
  supportToolsHeading: 'Support tools',
  supportToolsIntro:
    'For support staff: open a file that a customer sent to see their link and its verification. Admins linking their own account do not need these.',
  supportOpenSnapshot: 'Open a support snapshot…',
  supportOpenBundle: 'Open a sealed bundle…',
  supportOpening: 'Opening the file…',
  supportOpenCancelled: 'No file was chosen. Nothing was opened.',
  supportOpenFailed: 'The file could not be opened.',
  supportOpenedSnapshot:
    'The support snapshot is open as the link “{name}”. Verify again to replay the answers that the customer’s UKG gave.',
  supportOpenedSnapshotNoReplay:
    'The support snapshot is open as the link “{name}”. Its verification cannot be replayed, because the recorded check never reached UKG.',
  supportOpenedBundle:
    'The sealed bundle is open as the link “{name}”. Its client secret is kept for this session only.',
  supportBundleHeading: 'Open {file}',
  supportBundleLockPassphrase:
    'This bundle is sealed to a passphrase. Type the passphrase that the sender gave you.',
  supportBundleLockIdentity:
    'This bundle is sealed to a key. Choose the age identity file of that key: the file with the AGE-SECRET-KEY-1… line.',
  supportBundleSealedFor: 'Key fingerprint: {fingerprints}',
  supportPassphraseLabel: 'Passphrase',
  supportPassphraseHint:
    'Ten words joined by dashes. It is used to open this bundle only and is not saved.',
  supportPassphraseShow: 'Show passphrase',
  supportPassphraseHide: 'Hide passphrase',
  supportUnlockPassphrase: 'Open the bundle',
  supportUnlockIdentity: 'Choose the identity file and open…',
  supportUnlocking: 'Opening the bundle…',
  supportUnlockCancel: 'Cancel',
  supportIdentityCancelled: 'No identity file was chosen. Nothing was opened.',
  supportBundleExpired: 'This bundle expired on {date}.',
  supportBundleExpiredHint:
    'Its values may be out of date. Ask the sender for a new bundle, or open this one anyway to look into a problem.',
  supportOpenAnyway: 'Open anyway',
  supportSnapshotHeading: 'Support snapshot',
  supportSnapshotSaving: 'Saving the support snapshot…',
  supportSnapshotSaved: 'The support snapshot is saved.',
  supportSnapshotPath: 'Saved as',
  supportSnapshotCopyPath: 'Copy the path',
  supportSnapshotNoSecret:
    'It contains the link’s values, its last verification and recent log lines, but no client secret. Attach it to the support ticket.',
  supportSnapshotCancelled: 'No support snapshot was saved.',
  supportSnapshotNoLink:
    'There is no link on screen yet. Start or resume a link, then choose Help › Create support snapshot again.',
  supportSnapshotFailed: 'The support snapshot could not be saved.',
  supportNoticeClose: 'Close',
  supportSealLegend: 'Who should be able to open the file?',
  supportSealProduct: 'The recruiting product (recommended)',
  supportSealProductHint: 'Sealed to the recruiting product’s key, for uploading on its UKG integration page.',
  supportSealPassphrase: 'Seal to a passphrase for a colleague',
  supportSealPassphraseHint:
    'For handing the file to a colleague, for example in support. The assistant makes up a passphrase and shows it once.',
  supportSealPassphraseButton: 'Seal to a new passphrase and save…',
  supportSealPassphraseSaved: 'The sealed file is saved. It opens with the passphrase below.',
  supportSealedTo: 'Sealed to',
  supportSealedToPassphrase: 'A passphrase (age scrypt). A passphrase has no key fingerprint.',
  supportPassphraseShownOnce:
    'This is the only time the passphrase is shown. The assistant does not keep it, so if it is lost, seal a new file.',
  supportPassphraseCopy: 'Copy the passphrase',
  supportPassphraseSendApart:
    'Send the passphrase over another channel than the file: for example, the file by e-mail and the passphrase by phone. Whoever has both can read the client secret.',
  supportPassphraseForget: 'Hide the passphrase',
  supportPassphraseForgotten: 'The passphrase is hidden and cannot be shown again.',
};
