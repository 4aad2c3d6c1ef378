export namespace buildinfo {
	
	export class Info {
	    version: string;
	    commit: string;
	    go_version: string;
	
	    static createFrom(source: any = {}) {
	        return new Info(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.commit = source["commit"];
	        this.go_version = source["go_version"];
	    }
	}

}

export namespace desktop {
	
	export class ATSOption {
	    id: string;
	    label: string;
	    available: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ATSOption(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.label = source["label"];
	        this.available = source["available"];
	    }
	}
	export class Result {
	    status: string;
	    code?: string;
	    field?: string;
	    message?: string;
	    detail?: string;
	
	    static createFrom(source: any = {}) {
	        return new Result(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.status = source["status"];
	        this.code = source["code"];
	        this.field = source["field"];
	        this.message = source["message"];
	        this.detail = source["detail"];
	    }
	}
	export class BundleChoice {
	    result: Result;
	    file_name: string;
	    lock: string;
	    fingerprints: string[];
	
	    static createFrom(source: any = {}) {
	        return new BundleChoice(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.result = this.convertValues(source["result"], Result);
	        this.file_name = source["file_name"];
	        this.lock = source["lock"];
	        this.fingerprints = source["fingerprints"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class BundleOpenRequest {
	    passphrase: string;
	    choose_identity: boolean;
	    allow_expired: boolean;
	
	    static createFrom(source: any = {}) {
	        return new BundleOpenRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.passphrase = source["passphrase"];
	        this.choose_identity = source["choose_identity"];
	        this.allow_expired = source["allow_expired"];
	    }
	}
	export class DemoValues {
	    subdomain: string;
	    tenant: string;
	    client_id: string;
	    client_secret: string;
	
	    static createFrom(source: any = {}) {
	        return new DemoValues(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.subdomain = source["subdomain"];
	        this.tenant = source["tenant"];
	        this.client_id = source["client_id"];
	        this.client_secret = source["client_secret"];
	    }
	}
	export class DraftInput {
	    name: string;
	    step: string;
	    subdomain: string;
	    account_type: string;
	    identity_host: string;
	    tenant: string;
	    client_id: string;
	    ask_each_time: boolean;
	    skip_verify: boolean;
	    skip_reason: string;
	
	    static createFrom(source: any = {}) {
	        return new DraftInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.step = source["step"];
	        this.subdomain = source["subdomain"];
	        this.account_type = source["account_type"];
	        this.identity_host = source["identity_host"];
	        this.tenant = source["tenant"];
	        this.client_id = source["client_id"];
	        this.ask_each_time = source["ask_each_time"];
	        this.skip_verify = source["skip_verify"];
	        this.skip_reason = source["skip_reason"];
	    }
	}
	export class DraftView {
	    name: string;
	    step: string;
	    subdomain: string;
	    account_type: string;
	    identity_host: string;
	    tenant: string;
	    client_id: string;
	    ask_each_time: boolean;
	    skip_verify: boolean;
	    skip_reason: string;
	    secret_stored: boolean;
	    last_report?: verify.Report;
	
	    static createFrom(source: any = {}) {
	        return new DraftView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.step = source["step"];
	        this.subdomain = source["subdomain"];
	        this.account_type = source["account_type"];
	        this.identity_host = source["identity_host"];
	        this.tenant = source["tenant"];
	        this.client_id = source["client_id"];
	        this.ask_each_time = source["ask_each_time"];
	        this.skip_verify = source["skip_verify"];
	        this.skip_reason = source["skip_reason"];
	        this.secret_stored = source["secret_stored"];
	        this.last_report = this.convertValues(source["last_report"], verify.Report);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DraftResult {
	    result: Result;
	    draft: DraftView;
	
	    static createFrom(source: any = {}) {
	        return new DraftResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.result = this.convertValues(source["result"], Result);
	        this.draft = this.convertValues(source["draft"], DraftView);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DraftSummary {
	    name: string;
	    step: string;
	    // Go type: time
	    updated_at: any;
	    tenant: string;
	    secret_stored: boolean;
	    verified: boolean;
	
	    static createFrom(source: any = {}) {
	        return new DraftSummary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.step = source["step"];
	        this.updated_at = this.convertValues(source["updated_at"], null);
	        this.tenant = source["tenant"];
	        this.secret_stored = source["secret_stored"];
	        this.verified = source["verified"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class RecipientInfo {
	    kind: string;
	    key: string;
	    fingerprint: string;
	    label: string;
	    identity_path?: string;
	
	    static createFrom(source: any = {}) {
	        return new RecipientInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.key = source["key"];
	        this.fingerprint = source["fingerprint"];
	        this.label = source["label"];
	        this.identity_path = source["identity_path"];
	    }
	}
	export class ExportResult {
	    result: Result;
	    path: string;
	    recipient: RecipientInfo;
	    upload_hint: string;
	
	    static createFrom(source: any = {}) {
	        return new ExportResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.result = this.convertValues(source["result"], Result);
	        this.path = source["path"];
	        this.recipient = this.convertValues(source["recipient"], RecipientInfo);
	        this.upload_hint = source["upload_hint"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class FieldResult {
	    result: Result;
	    value: string;
	    display?: string;
	    notes: ukg.Note[];
	    warnings: ukg.Note[];
	    position?: number;
	    suggested_account_type?: string;
	
	    static createFrom(source: any = {}) {
	        return new FieldResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.result = this.convertValues(source["result"], Result);
	        this.value = source["value"];
	        this.display = source["display"];
	        this.notes = this.convertValues(source["notes"], ukg.Note);
	        this.warnings = this.convertValues(source["warnings"], ukg.Note);
	        this.position = source["position"];
	        this.suggested_account_type = source["suggested_account_type"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class OpenResult {
	    result: Result;
	    draft: DraftView;
	    replaying: boolean;
	    expired_at?: string;
	
	    static createFrom(source: any = {}) {
	        return new OpenResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.result = this.convertValues(source["result"], Result);
	        this.draft = this.convertValues(source["draft"], DraftView);
	        this.replaying = source["replaying"];
	        this.expired_at = source["expired_at"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PassphraseExportResult {
	    result: Result;
	    path: string;
	    recipient: RecipientInfo;
	    upload_hint: string;
	    passphrase: string;
	
	    static createFrom(source: any = {}) {
	        return new PassphraseExportResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.result = this.convertValues(source["result"], Result);
	        this.path = source["path"];
	        this.recipient = this.convertValues(source["recipient"], RecipientInfo);
	        this.upload_hint = source["upload_hint"];
	        this.passphrase = source["passphrase"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	export class ScenarioInfo {
	    name: string;
	    label: string;
	    description: string;
	
	    static createFrom(source: any = {}) {
	        return new ScenarioInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.label = source["label"];
	        this.description = source["description"];
	    }
	}
	export class SecretResult {
	    result: Result;
	    stored: boolean;
	    in_session: boolean;
	    length: number;
	    notes: ukg.Note[];
	    warnings: ukg.Note[];
	
	    static createFrom(source: any = {}) {
	        return new SecretResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.result = this.convertValues(source["result"], Result);
	        this.stored = source["stored"];
	        this.in_session = source["in_session"];
	        this.length = source["length"];
	        this.notes = this.convertValues(source["notes"], ukg.Note);
	        this.warnings = this.convertValues(source["warnings"], ukg.Note);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SnapshotResult {
	    result: Result;
	    path: string;
	
	    static createFrom(source: any = {}) {
	        return new SnapshotResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.result = this.convertValues(source["result"], Result);
	        this.path = source["path"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class StartInfo {
	    result: Result;
	    demo: boolean;
	    scenario: string;
	    scenarios: ScenarioInfo[];
	    demo_values?: DemoValues;
	    version: buildinfo.Info;
	    ats_options: ATSOption[];
	    account_types: ukg.AccountType[];
	    scopes: ukg.Scope[];
	    drafts: DraftSummary[];
	    keychain_note: string;
	    recipient: RecipientInfo;
	
	    static createFrom(source: any = {}) {
	        return new StartInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.result = this.convertValues(source["result"], Result);
	        this.demo = source["demo"];
	        this.scenario = source["scenario"];
	        this.scenarios = this.convertValues(source["scenarios"], ScenarioInfo);
	        this.demo_values = this.convertValues(source["demo_values"], DemoValues);
	        this.version = this.convertValues(source["version"], buildinfo.Info);
	        this.ats_options = this.convertValues(source["ats_options"], ATSOption);
	        this.account_types = this.convertValues(source["account_types"], ukg.AccountType);
	        this.scopes = this.convertValues(source["scopes"], ukg.Scope);
	        this.drafts = this.convertValues(source["drafts"], DraftSummary);
	        this.keychain_note = source["keychain_note"];
	        this.recipient = this.convertValues(source["recipient"], RecipientInfo);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TextResult {
	    result: Result;
	    text: string;
	
	    static createFrom(source: any = {}) {
	        return new TextResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.result = this.convertValues(source["result"], Result);
	        this.text = source["text"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class VerifyResult {
	    result: Result;
	    report?: verify.Report;
	
	    static createFrom(source: any = {}) {
	        return new VerifyResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.result = this.convertValues(source["result"], Result);
	        this.report = this.convertValues(source["report"], verify.Report);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace ukg {
	
	export class AccountType {
	    id: string;
	    label: string;
	    description: string;
	    environment: string;
	    domain: string;
	    identity_host: string;
	
	    static createFrom(source: any = {}) {
	        return new AccountType(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.label = source["label"];
	        this.description = source["description"];
	        this.environment = source["environment"];
	        this.domain = source["domain"];
	        this.identity_host = source["identity_host"];
	    }
	}
	export class Endpoints {
	    service_host: string;
	    identity_host: string;
	    token_url: string;
	    api_base_url: string;
	
	    static createFrom(source: any = {}) {
	        return new Endpoints(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.service_host = source["service_host"];
	        this.identity_host = source["identity_host"];
	        this.token_url = source["token_url"];
	        this.api_base_url = source["api_base_url"];
	    }
	}
	export class Note {
	    code: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new Note(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.message = source["message"];
	    }
	}
	export class Scope {
	    name: string;
	    area: string;
	    access: string;
	    summary: string;
	
	    static createFrom(source: any = {}) {
	        return new Scope(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.area = source["area"];
	        this.access = source["access"];
	        this.summary = source["summary"];
	    }
	}

}

export namespace verify {
	
	export class Check {
	    name: string;
	    method?: string;
	    url?: string;
	    http_status?: number;
	    content_type?: string;
	    duration_ms: number;
	    status: string;
	    problem?: string;
	    message?: string;
	
	    static createFrom(source: any = {}) {
	        return new Check(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.method = source["method"];
	        this.url = source["url"];
	        this.http_status = source["http_status"];
	        this.content_type = source["content_type"];
	        this.duration_ms = source["duration_ms"];
	        this.status = source["status"];
	        this.problem = source["problem"];
	        this.message = source["message"];
	    }
	}
	export class Problem {
	    code: string;
	    field: string;
	    title: string;
	    message: string;
	    detail: string;
	
	    static createFrom(source: any = {}) {
	        return new Problem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.field = source["field"];
	        this.title = source["title"];
	        this.message = source["message"];
	        this.detail = source["detail"];
	    }
	}
	export class Report {
	    status: string;
	    // Go type: time
	    started_at: any;
	    duration_ms: number;
	    endpoints: ukg.Endpoints;
	    simulated: boolean;
	    checks: Check[];
	    granted_scopes: string[];
	    scope_source: string;
	    missing_scopes: string[];
	    problems: Problem[];
	
	    static createFrom(source: any = {}) {
	        return new Report(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.status = source["status"];
	        this.started_at = this.convertValues(source["started_at"], null);
	        this.duration_ms = source["duration_ms"];
	        this.endpoints = this.convertValues(source["endpoints"], ukg.Endpoints);
	        this.simulated = source["simulated"];
	        this.checks = this.convertValues(source["checks"], Check);
	        this.granted_scopes = source["granted_scopes"];
	        this.scope_source = source["scope_source"];
	        this.missing_scopes = source["missing_scopes"];
	        this.problems = this.convertValues(source["problems"], Problem);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

