import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { DEFAULT_CASES_TASK_QUEUE } from '../../contracts/src/task-queues';
import { DEFAULT_LPIK_BASIS, DEFAULT_NOTICE_PERIOD_DAYS, LPIK_BASES, LpikBasis } from '../../domain/src/coordination/support-agreement';
import { DEFAULT_ADMISSION_MAX_AGE_DAYS } from '../../domain/src/discharge/discharge.rules';
import { COORDINATION_DECLINE_ALLOWED_DEFAULT } from '../../domain/src/coordination/area.types';
import { DEFAULT_BILLS_DISCHARGE_DAY } from '../../domain/src/discharge/payment-liability';
import { DEFAULT_SIP_CALL_DAYS, DEFAULT_SIP_DEADLINE_POLICY, SIP_DEADLINE_POLICIES, SipDeadlinePolicy } from '../../domain/src/discharge/sip-deadline';
import { DEFAULT_HOLIDAY_EVE_POLICY, HOLIDAY_EVE_POLICIES, HolidayEvePolicy } from '../../domain/src/discharge/takeover-receiver';
import { ORGANISATION_CODE } from '../../domain/src/text';
import { DEFAULT_CALENDAR_POLICY } from '../../domain/src/situation-reports/calendar';
import { DEFAULT_SHORTAGE_THRESHOLD_DAYS } from '../../domain/src/situation-reports/figures';
import { CONSUMABLES } from '../../domain/src/situation-reports/report.types';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidationError,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(v)) return false;
  return value;
};
const emptyToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** Deadlines: a whole number and a unit (ms, s, m, h, d), e.g. 24h, 3d, or 2s in tests. */
const IsDurationSetting = () =>
  Matches(/^\d{1,9}(ms|s|m|h|d)$/, { message: 'must be a duration such as 24h, 3d, 90m or 2s' });

/** `iss` of tokens the development issuer signs. */
export const DEV_ISSUER = 'urn:vardflode:dev-issuer';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** `npm start`'s Temporal: the CLI's dev server, or Temporal's own server as a cluster of four services on PostgreSQL. */
export const TEMPORAL_MODES = ['dev', 'cluster'] as const;
export type TemporalMode = (typeof TEMPORAL_MODES)[number];

/**
 * The one validated configuration of every process (stack launcher, API, worker, scripts).
 * Field names are the environment variable names, so an error names exactly what to change.
 * Every variable is listed with its default in README.md.
 */
export class AppConfig {
  /** `production` forbids development conveniences (e.g. the dev token issuer in later issues). */
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /**
   * How log lines look: `pretty` (short readable lines, pino-pretty), `json` (one JSON object per line, for log
   * collectors), or `auto`: pretty when the output is a terminal, JSON otherwise.
   */
  @IsIn(LOG_FORMATS)
  LOG_FORMAT: LogFormat = 'auto';

  /** Address the HTTP API binds to. */
  @IsString()
  @MinLength(1)
  HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  /** Largest accepted JSON request body, in bytes. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(10 * 1024 * 1024)
  HTTP_BODY_LIMIT_BYTES = 100 * 1024;

  /** Deepest nesting of objects and arrays accepted in a JSON request body (the body itself is level 1). */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(64)
  HTTP_JSON_MAX_DEPTH = 16;

  /**
   * Reverse proxies in front of the API whose X-Forwarded-For is trusted (0: none, the client IP is the socket's
   * peer). Behind one load balancer set 1, or every client shares the proxy's IP and its rate limit.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10)
  HTTP_TRUSTED_PROXIES = 0;

  /** Requests a minute one bearer token may make, over all routes of one API process (health exempt). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  RATE_LIMIT_PER_TOKEN_PER_MINUTE = 600;

  /** Requests a minute from one client IP address, with or without a token, over all routes of one API process. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  RATE_LIMIT_PER_IP_PER_MINUTE = 1200;

  /** Serve the OpenAPI UI at /docs and its JSON at /docs-json. Defaults to on outside production, off in production. */
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  API_DOCS_ENABLED?: boolean;

  /**
   * OpenTelemetry tracing (libs/telemetry): the OTLP/HTTP collector the API and the worker send spans to (`/v1/traces`
   * is added). Unset: no tracing at all. Read by the tracing module itself before this class is loaded (it must start
   * before `http` and `pg` are required); declared here so a malformed value stops the process naming it.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL, e.g. http://127.0.0.1:4318' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string = undefined;

  /** The traces' service name; unset: vardflode-api and vardflode-worker. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  OTEL_SERVICE_NAME?: string = undefined;

  /** Any PostgreSQL; when unset, `npm start` runs the embedded one and sets this for the API and worker. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /**
   * Connections to DATABASE_URL each API or worker process keeps at most (its pool). The database must allow this
   * times the processes, plus Temporal's own if it shares the server. At least 2: a process that migrates holds
   * the migration lock on one connection and migrates on another.
   */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /** Folder for the embedded PostgreSQL and Temporal dev server data, and other local state. */
  @IsString()
  @MinLength(1)
  DATA_DIR = '.data';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_POSTGRES_PORT = 5433;

  /** host:port of an external Temporal frontend; when unset, `npm start` runs the Temporal CLI dev server. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/, { message: 'must be host:port, e.g. my-ns.a1b2c.tmprl.cloud:7233' })
  TEMPORAL_ADDRESS?: string;

  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'must be a Temporal namespace name' })
  TEMPORAL_NAMESPACE = 'default';

  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'must be a task queue name of letters, digits, dot, dash or underscore' })
  TEMPORAL_TASK_QUEUE = DEFAULT_CASES_TASK_QUEUE;

  /** Use TLS to the Temporal frontend (implied by client certificates or an API key). */
  @Transform(toBool)
  @IsBoolean()
  TEMPORAL_TLS = false;

  /** Paths to PEM files for mTLS (self-hosted clusters, Temporal Cloud with certificates). */
  @Transform(emptyToUndefined) @IsOptional() @IsString() TEMPORAL_TLS_CERT_PATH?: string;
  @Transform(emptyToUndefined) @IsOptional() @IsString() TEMPORAL_TLS_KEY_PATH?: string;
  @Transform(emptyToUndefined) @IsOptional() @IsString() TEMPORAL_TLS_CA_PATH?: string;
  @Transform(emptyToUndefined) @IsOptional() @IsString() TEMPORAL_TLS_SERVER_NAME?: string;

  /** Temporal Cloud API key (sent as a bearer token over TLS). */
  @Transform(emptyToUndefined) @IsOptional() @IsString() TEMPORAL_API_KEY?: string;

  /** Port of the dev server's frontend when `npm start` runs it. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  TEMPORAL_DEV_PORT = 7233;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  TEMPORAL_UI_PORT = 8233;

  /**
   * The Temporal Web UI's origin (scheme://host:port) that may call the API's codec server (`/codec/decode`,
   * `/codec/encode`) from an operator's browser: the only origin given CORS headers there. Unset: the dev server's
   * UI, `http://127.0.0.1:TEMPORAL_UI_PORT`.
   */
  @Transform(emptyToUndefined) @IsOptional() @IsString() TEMPORAL_UI_ORIGIN?: string;

  /**
   * What `npm start` runs as Temporal when TEMPORAL_ADDRESS is unset: `dev`, the CLI's dev server (one process on
   * SQLite), or `cluster`, Temporal's own server as four services (frontend, history, matching, worker) on
   * PostgreSQL (`npm run start:cluster`).
   */
  @IsIn(TEMPORAL_MODES)
  TEMPORAL_MODE: TemporalMode = 'dev';

  /**
   * An admin URL of the PostgreSQL server where TEMPORAL_MODE=cluster keeps Temporal's databases (`temporal`,
   * `temporal_visibility`). Unset: the server of vardflode's own database (the embedded one, or DATABASE_URL's).
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// or postgresql:// URL' })
  TEMPORAL_DB_ADMIN_URL?: string;

  /** Worker processes `npm start` runs (default 1; 2 with TEMPORAL_MODE=cluster). */
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(64)
  WORKER_COUNT?: number;

  /**
   * API processes serving PORT (Node's cluster module: one primary forks them and shares the port). Default 1 (one
   * plain process); 2 with TEMPORAL_MODE=cluster.
   */
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(64)
  API_REPLICAS?: number;

  /**
   * The bearer token GET /metrics requires (compared in constant time). Unset: /metrics answers loopback callers
   * only, and everyone else gets a 404.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string;

  /** Seconds /metrics reuses the series it reads from PostgreSQL and Temporal (0: read on every scrape). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  METRICS_REFRESH_SECONDS = 15;

  /**
   * Where the worker serves the Temporal SDK's Prometheus metrics (`host:port`, path /metrics), or `off`. With
   * WORKER_COUNT > 1 the launcher gives worker n the port + n - 1.
   */
  @Matches(/^(off|[A-Za-z0-9.-]+:\d{1,5}|\[[0-9A-Fa-f:.]+\]:\d{1,5})$/, { message: 'must be host:port (e.g. 127.0.0.1:9464) or off' })
  WORKER_METRICS_ADDRESS = '127.0.0.1:9464';

  // Supervision and graceful degradation (issue 17).

  /** Restarts of a crashed worker or API process `npm start` makes within SUPERVISE_WINDOW; one more crash stops it all. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1000)
  SUPERVISE_MAX_RESTARTS = 5;

  /** The window SUPERVISE_MAX_RESTARTS counts crashes in; older crashes are forgotten (and the backoff starts at 1 s again). */
  @IsDurationSetting()
  SUPERVISE_WINDOW = '10m';

  /** How long an API request waits on Temporal for a case step (an update, update-with-start) before it answers 503. */
  @IsDurationSetting()
  TEMPORAL_STEP_TIMEOUT = '10s';

  /** Retry-After (seconds) on a 503 for a dependency that is away (no worker answered, Temporal not reachable). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  HTTP_RETRY_AFTER_SECONDS = 5;

  /** On SIGTERM the API stops accepting and lets requests in flight finish for at most this long, then exits. */
  @IsDurationSetting()
  HTTP_SHUTDOWN_GRACE = '20s';

  /** Path to a `temporal` CLI binary; otherwise PATH, the project's cached build, `go install`, the SDK download. */
  @Transform(emptyToUndefined) @IsOptional() @IsString() TEMPORAL_CLI?: string;

  /** Workflows a worker keeps in memory (sticky cache, about 0.5 MiB each); others replay their history on their next task. */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(100_000)
  TEMPORAL_MAX_CACHED_WORKFLOWS = 500;

  /** GET /operations/cases: an activity (or a workflow task) is listed as failing once this many attempts of it failed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  OPERATIONS_FAILURE_ATTEMPTS = 3;

  /** GET /operations/cases: a case is stalled when an open task's deadline passed this long ago and nothing moved since. */
  @IsDurationSetting()
  OPERATIONS_STALLED_GRACE = '1h';

  /** Inskrivningsmeddelande deadline: a case opened later than this after admission is marked late (Lag 2017:612). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 14)
  DISCHARGE_NOTICE_DEADLINE_HOURS = 24;

  /**
   * An inskrivningsmeddelande whose admission is longer ago than this is refused (a typo such as 2016 for 2026).
   * Raise it to record older stays, e.g. when migrating history.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(36_500)
  DISCHARGE_ADMISSION_MAX_AGE_DAYS = DEFAULT_ADMISSION_MAX_AGE_DAYS;

  /**
   * Local token issuer for development and tests: signs tokens with a key kept under DATA_DIR. Defaults to on
   * outside production and can never be on in production.
   */
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  AUTH_DEV_ISSUER?: boolean;

  /** How long a token of the web app's dev sign-in lasts (a working day; short in tests of an expired session). */
  @IsDurationSetting()
  AUTH_DEV_TOKEN_LIFETIME = '12h';

  /**
   * The patient-data key ring as a file (JSON: current key id, AES-256 keys by id, the blind-index key). Outside
   * production, when neither this nor ENCRYPTION_KEYS is set, DATA_DIR/keys/encryption-keys.json is created on
   * first start. Required (or ENCRYPTION_KEYS) in production.
   */
  @Transform(emptyToUndefined) @IsOptional() @IsString() ENCRYPTION_KEYS_PATH?: string;

  /**
   * Erasure (gallring) of a case's patient data: this many days after the case ended, its data key is destroyed
   * (crypto-shredding) and its sealed patient data and blind index cleared; the case and its statistics stay. Our
   * assumption (10 years, patientdatalagen 3:17's least time for a patient record); the data controller decides.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(36_500)
  PATIENT_DATA_RETENTION_DAYS = 3653;

  /** How often the worker's Temporal Schedule runs the erasure (`patientDataErasure`). */
  @IsDurationSetting()
  PATIENT_DATA_ERASURE_INTERVAL = '24h';

  /** The same key ring given whole as a secret (JSON or base64 of it); wins over ENCRYPTION_KEYS_PATH. */
  @Transform(emptyToUndefined) @IsOptional() @IsString() ENCRYPTION_KEYS?: string;

  /** Expected `iss` of bearer tokens (your OIDC provider's issuer URL). */
  @Transform(emptyToUndefined) @IsOptional() @IsString() AUTH_ISSUER?: string;

  /** Expected `aud` of bearer tokens. */
  @IsString()
  @MinLength(1)
  AUTH_AUDIENCE = 'vardflode';

  /**
   * Seconds a token is still accepted after its `exp` (and before its `nbf`), for clock skew with the issuer.
   * Kept small (at most 10): an expired token must stop working promptly; fix a skewed clock rather than widen this.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10)
  AUTH_CLOCK_TOLERANCE_SECONDS = 5;

  /** The issuer's JWKS URL (required without the dev issuer). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  AUTH_JWKS_URL?: string;

  /**
   * The web app's OpenID Connect client id at AUTH_ISSUER (a public client: authorization code with PKCE, no
   * secret). With it, and the dev issuer off, the app signs people in at the issuer; without it, it offers no sign-in
   * but the dev one. Its redirect URI at the issuer: the app's origin + `/oidc-callback`.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[\x21-\x7e]{1,200}$/, { message: 'must be a client id of printable characters without spaces' })
  AUTH_WEB_CLIENT_ID?: string;

  /** The scopes the web app asks the issuer for (space-separated; `openid` first). */
  @IsString()
  @Matches(/^openid( [\x21-\x7e]+)*$/, { message: 'must start with openid, scopes separated by one space' })
  AUTH_WEB_SCOPE = 'openid profile';

  /** When the municipality's and the vårdcentral's acknowledgement of the notice fall due. */
  @IsDurationSetting()
  DISCHARGE_ACK_DUE = '24h';

  /** The municipality's decision on its services (biståndsbeslut); counts every day of the week. */
  @IsDurationSetting()
  DISCHARGE_ASSESSMENT_DUE = '48h';

  /** The vårdcentral's appointment of a fast vårdkontakt. */
  @IsDurationSetting()
  DISCHARGE_FAST_VARDKONTAKT_DUE = '48h';

  /** The hospital's answer when the municipality asks for more information. */
  @IsDurationSetting()
  DISCHARGE_INFORMATION_DUE = '24h';

  /** Acknowledgement (kvittens) of the utskrivningsklar notice. */
  @IsDurationSetting()
  DISCHARGE_READY_ACK_DUE = '4h';

  /**
   * How the SIP call's deadline counts from the utskrivningsklar notice (SFS 2019:979: "within 3 days"; calendar days
   * unconfirmed): `calendar_days` (default): by the end of the Stockholm day DISCHARGE_SIP_CALL_DAYS after the
   * notice's day; `rolling`: DISCHARGE_SIP_CALL_DUE after the notice.
   */
  @IsIn(SIP_DEADLINE_POLICIES)
  DISCHARGE_SIP_DEADLINE: SipDeadlinePolicy = DEFAULT_SIP_DEADLINE_POLICY;

  /** Calendar days for DISCHARGE_SIP_DEADLINE=calendar_days (SFS 2019:979: 3). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(30)
  DISCHARGE_SIP_CALL_DAYS = DEFAULT_SIP_CALL_DAYS;

  /** The call to a SIP when DISCHARGE_SIP_DEADLINE=rolling: a span from the utskrivningsklar notice (72 hours). */
  @IsDurationSetting()
  DISCHARGE_SIP_CALL_DUE = '3d';

  /** The receiving provider's acknowledgement of the takeover of medical responsibility. */
  @IsDurationSetting()
  DISCHARGE_TAKEOVER_DUE = '4h';

  /** Escalation tasks (to the coordinator) and HSF's finance and registration tasks. */
  @IsDurationSetting()
  DISCHARGE_ESCALATION_DUE = '24h';

  /** When the municipality becomes liable to pay: `national` (3 days) or `stockholm-2020` (Region Stockholm). */
  @IsIn(['national', 'stockholm-2020'])
  DISCHARGE_LIABILITY_POLICY: 'national' | 'stockholm-2020' = 'national';

  /** Whether the day of discharge is a liable day (no source says; our assumption: yes, a patient there that day is billed). */
  @Transform(toBool)
  @IsBoolean()
  DISCHARGE_LIABILITY_BILLS_DISCHARGE_DAY: boolean = DEFAULT_BILLS_DISCHARGE_DAY;

  /**
   * Whether midsommarafton, julafton and nyårsafton are "helger" for the ASIH takeover rule (not stated in the 2020
   * rules; our assumption): `helg` (default, holiday staffing on those days) or `weekday`.
   */
  @IsIn(HOLIDAY_EVE_POLICIES)
  DISCHARGE_HOLIDAY_EVES: HolidayEvePolicy = DEFAULT_HOLIDAY_EVE_POLICY;

  /** HSF's review of a reimbursement claim (default 30 days). */
  @IsDurationSetting()
  REIMBURSEMENT_REVIEW_DUE = '30d';

  /** How long before the review falls due HSF's approvers get a reminder. */
  @IsDurationSetting()
  REIMBURSEMENT_REVIEW_REMINDER_BEFORE = '5d';

  /** SLSO's amendment of a claim sent back for completion. */
  @IsDurationSetting()
  REIMBURSEMENT_AMEND_DUE = '14d';

  /** HSF finance's payment of an approved claim. */
  @IsDurationSetting()
  REIMBURSEMENT_PAYMENT_DUE = '10d';

  /** Escalation tasks to a coordinator when a claim's task is overdue. */
  @IsDurationSetting()
  REIMBURSEMENT_ESCALATION_DUE = '5d';

  /** A claim approved for more than this (öre) needs a second HSF approver. Default 500 000 kr. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  REIMBURSEMENT_SECOND_APPROVAL_THRESHOLD_ORE = 50_000_000;

  /** A designated vårdcentral's answer (accept or decline), and HSN's designation of another. */
  @IsDurationSetting()
  COORDINATION_ACCEPT_DUE = '14d';

  /** Each onboarding task of a coordinating vårdcentral (escalates to SLSO when overdue). */
  @IsDurationSetting()
  COORDINATION_ONBOARDING_DUE = '30d';

  /** Escalation tasks to SLSO's coordinator. */
  @IsDurationSetting()
  COORDINATION_ESCALATION_DUE = '7d';

  /** How often SLSO follows up each active area. */
  @IsDurationSetting()
  COORDINATION_FOLLOW_UP_INTERVAL = '365d';

  /**
   * Whether a designated vårdcentral may decline HSN's designation (with a reason; HSN then designates another).
   * No source says: our assumption (COORDINATION_DECLINE_ALLOWED_DEFAULT in libs/domain/src/coordination/area.types.ts).
   */
  @Transform(toBool)
  @IsBoolean()
  COORDINATION_DECLINE_ALLOWED = COORDINATION_DECLINE_ALLOWED_DEFAULT;

  /** The support agreement's payments to SLSO: one a year, or four (quarterly). */
  @IsIn(['yearly', 'quarterly'])
  AGREEMENT_INSTALMENT_PLAN: 'yearly' | 'quarterly' = 'yearly';

  /** Days from a notice to the end of the support agreement. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3650)
  AGREEMENT_NOTICE_PERIOD_DAYS = DEFAULT_NOTICE_PERIOD_DAYS;

  /**
   * Which LPIK raises which compensation year (HSN 2020-1821 does not say): `outcome-of-year-paid` (default; paid
   * from March of the next year, when SKR publishes the outcome), `outcome-of-previous-year` or
   * `forecast-of-year-paid`. Cases already running keep the basis they started with (the LPIK register holds one value a year, outcome or forecast alike).
   */
  @IsIn(LPIK_BASES)
  AGREEMENT_LPIK_BASIS: LpikBasis = DEFAULT_LPIK_BASIS;

  /** HSF finance's payment of an instalment, and HSF's registration of a missing LPIK (from when SKR publishes it). */
  @IsDurationSetting()
  AGREEMENT_PAYMENT_DUE = '30d';

  /**
   * When the Temporal Schedule starts a situation-report round: a cron expression in Stockholm time (default Monday
   * 00:00, when the reported week has ended), or `off`. Each round covers the Monday–Sunday week before it starts.
   */
  @Matches(/^(off|[0-9*,/-]+ [0-9*,/-]+ [0-9*,/?LW-]+ [0-9*,/-]+ [0-9A-Za-z*,/-]+)$/, { message: 'SITUATION_REPORT_SCHEDULE must be a five-field cron expression or off' })
  SITUATION_REPORT_SCHEDULE = '0 0 * * MON';

  /** The ISO weekday (1 Monday … 7 Sunday) after the reported week on which reports fall due (default Wednesday). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(7)
  SITUATION_REPORT_DUE_WEEKDAY = DEFAULT_CALENDAR_POLICY.dueWeekday;

  /** The Stockholm time of day reports fall due, HH:MM (default 12:00). */
  @Matches(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { message: 'SITUATION_REPORT_DUE_TIME must be HH:MM' })
  SITUATION_REPORT_DUE_TIME = DEFAULT_CALENDAR_POLICY.dueTime;

  /** Working days before the due day that a missing report gets its reminder (same time of day). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(5)
  SITUATION_REPORT_REMINDER_WORKING_DAYS = DEFAULT_CALENDAR_POLICY.reminderWorkingDays;

  /** Working days after the due day that the round closes (cut-off; same time of day). Missing reports escalate in between. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10)
  SITUATION_REPORT_CUTOFF_WORKING_DAYS = DEFAULT_CALENDAR_POLICY.cutoffWorkingDays;

  /** Days after the cut-off that revisions of a published picture are accepted. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(366)
  SITUATION_REPORT_REVISION_DAYS = DEFAULT_CALENDAR_POLICY.revisionDays;

  /** Days of stock below which a consumable is a shortage that goes to the county board (every item). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3650)
  SITUATION_REPORT_SHORTAGE_DAYS = DEFAULT_SHORTAGE_THRESHOLD_DAYS;

  /** Per-item thresholds over SITUATION_REPORT_SHORTAGE_DAYS, e.g. `nitrile_gloves=10,visors=5`. */
  @Matches(new RegExp(`^((${CONSUMABLES.join('|')})=[0-9]{1,4}(,(${CONSUMABLES.join('|')})=[0-9]{1,4})*)?$`), {
    message: `SITUATION_REPORT_SHORTAGE_DAYS_BY_ITEM must be item=days pairs separated by commas; items: ${CONSUMABLES.join(', ')}`,
  })
  SITUATION_REPORT_SHORTAGE_DAYS_BY_ITEM = '';

  /** How long a receiving region's offer of a transfer stands before the next region gets one. */
  @IsDurationSetting()
  TRANSFER_OFFER_DUE = '30m';

  /** Offers of a transfer out at once: 1 offers one region at a time; N the first N of the proposal. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(21)
  TRANSFER_OFFERS_AT_ONCE = 1;

  /** Socialstyrelsen's approval of a transfer's proposal, and its duty officer's decision on an exhausted one. */
  @IsDurationSetting()
  TRANSFER_MATCHING_DUE = '30m';

  /** Each step of an accepted transfer: transport, departure, arrival, admission. */
  @IsDurationSetting()
  TRANSFER_STEP_DUE = '12h';

  /** The organisation of a national transport resource that arranges every transfer's transport; empty: the sending region does. */
  @Transform(emptyToUndefined) @IsOptional() @Matches(ORGANISATION_CODE.pattern, { message: 'TRANSFER_TRANSPORT_ORG must be an organisation code' })
  TRANSFER_TRANSPORT_ORG?: string;

  /** Socialstyrelsen's allocation of a region's request for reinforcement. */
  @IsDurationSetting()
  REINFORCEMENT_ALLOCATE_DUE = '2d';

  /** The ASIH unit that takes over weekend and holiday discharges when the notice names none. */
  @Matches(ORGANISATION_CODE.pattern, { message: 'must be an organisation code' })
  DISCHARGE_DEFAULT_ASIH = 'ASIH-NORR';

  /** Worker processes the launcher runs: WORKER_COUNT, else 1 (2 in cluster mode). */
  get workerCount(): number {
    return this.WORKER_COUNT ?? (this.TEMPORAL_MODE === 'cluster' ? 2 : 1);
  }

  /** API processes on PORT: API_REPLICAS, else 1 (2 in cluster mode). */
  get apiReplicas(): number {
    return this.API_REPLICAS ?? (this.TEMPORAL_MODE === 'cluster' ? 2 : 1);
  }

  /** The worker's Prometheus endpoint as host and port, or undefined when WORKER_METRICS_ADDRESS is `off`. */
  get workerMetricsAddress(): { host: string; port: number } | undefined {
    if (this.WORKER_METRICS_ADDRESS === 'off') return undefined;
    const at = this.WORKER_METRICS_ADDRESS.lastIndexOf(':');
    return { host: this.WORKER_METRICS_ADDRESS.slice(0, at), port: Number(this.WORKER_METRICS_ADDRESS.slice(at + 1)) };
  }

  /** The origin the codec server answers CORS requests from (see TEMPORAL_UI_ORIGIN). */
  get temporalUiOrigin(): string {
    return this.TEMPORAL_UI_ORIGIN ?? `http://127.0.0.1:${this.TEMPORAL_UI_PORT}`;
  }

  get devIssuerEnabled(): boolean {
    return this.AUTH_DEV_ISSUER ?? this.NODE_ENV !== 'production';
  }

  /**
   * The web app's OIDC sign-in, when it has one: the issuer and client id set and the dev issuer off (with the dev
   * issuer on, the API verifies only the dev issuer's tokens, so an OIDC provider's would be refused).
   */
  get webOidc(): { issuer: string; clientId: string; scope: string } | undefined {
    if (this.devIssuerEnabled || !this.AUTH_ISSUER || !this.AUTH_WEB_CLIENT_ID) return undefined;
    return { issuer: this.AUTH_ISSUER, clientId: this.AUTH_WEB_CLIENT_ID, scope: this.AUTH_WEB_SCOPE };
  }

  get apiDocsEnabled(): boolean {
    return this.API_DOCS_ENABLED ?? this.NODE_ENV !== 'production';
  }

  /** The issuer tokens must carry: the configured one, or the dev issuer's. */
  get authIssuer(): string {
    return this.AUTH_ISSUER ?? DEV_ISSUER;
  }

  get temporalUsesTls(): boolean {
    return this.TEMPORAL_TLS || !!this.TEMPORAL_API_KEY || !!this.TEMPORAL_TLS_CERT_PATH;
  }
}

/** A bad or missing configuration value: one line naming the variable. */
export class ConfigError extends Error {
  constructor(readonly variable: string, detail: string, options?: { cause?: unknown }) {
    super(`Configuration error: ${variable} ${detail}`, options);
    this.name = 'ConfigError';
  }
}

/** Only the variables AppConfig declares are read, so unrelated environment never leaks in. */
export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const defaults = new AppConfig();
  const known = Object.keys(defaults).concat(
    ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_TLS_CERT_PATH', 'TEMPORAL_TLS_KEY_PATH', 'TEMPORAL_TLS_CA_PATH',
      'TEMPORAL_TLS_SERVER_NAME', 'TEMPORAL_API_KEY', 'TEMPORAL_CLI', 'AUTH_DEV_ISSUER', 'AUTH_ISSUER', 'AUTH_JWKS_URL',
      'AUTH_WEB_CLIENT_ID', 'API_DOCS_ENABLED', 'ENCRYPTION_KEYS_PATH', 'ENCRYPTION_KEYS', 'TEMPORAL_UI_ORIGIN',
      'TEMPORAL_DB_ADMIN_URL', 'WORKER_COUNT', 'API_REPLICAS', 'METRICS_TOKEN'],
  );
  const raw: Record<string, string> = {};
  for (const name of known) {
    const value = env[name];
    if (value !== undefined) raw[name] = value;
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) throw toConfigError(errors[0], raw);

  if (!!config.TEMPORAL_TLS_CERT_PATH !== !!config.TEMPORAL_TLS_KEY_PATH) {
    const missing = config.TEMPORAL_TLS_CERT_PATH ? 'TEMPORAL_TLS_KEY_PATH' : 'TEMPORAL_TLS_CERT_PATH';
    throw new ConfigError(missing, 'must be set together with its pair (client certificate and key)');
  }
  if (config.NODE_ENV === 'production' && config.AUTH_DEV_ISSUER) {
    throw new ConfigError('AUTH_DEV_ISSUER', 'cannot be enabled when NODE_ENV=production');
  }
  if (!config.devIssuerEnabled && (!config.AUTH_ISSUER || !config.AUTH_JWKS_URL)) {
    throw new ConfigError(config.AUTH_ISSUER ? 'AUTH_JWKS_URL' : 'AUTH_ISSUER', 'must be set when the dev token issuer is off (production)');
  }
  if (config.NODE_ENV === 'production' && !config.ENCRYPTION_KEYS && !config.ENCRYPTION_KEYS_PATH) {
    throw new ConfigError('ENCRYPTION_KEYS_PATH', 'or ENCRYPTION_KEYS must be set in production (the patient-data key ring)');
  }
  if (config.TEMPORAL_MODE === 'cluster' && config.TEMPORAL_ADDRESS) {
    throw new ConfigError('TEMPORAL_MODE', 'cluster runs its own Temporal server: unset TEMPORAL_ADDRESS, or TEMPORAL_MODE to use the one there');
  }
  const metricsPort = config.workerMetricsAddress?.port;
  if (metricsPort !== undefined && (metricsPort < 1 || metricsPort > 65535)) {
    throw new ConfigError('WORKER_METRICS_ADDRESS', `must have a port from 1 to 65535 (got "${config.WORKER_METRICS_ADDRESS}")`);
  }
  if (config.TEMPORAL_UI_ORIGIN && !isOrigin(config.TEMPORAL_UI_ORIGIN)) {
    throw new ConfigError('TEMPORAL_UI_ORIGIN', `must be an origin, scheme://host[:port] without a path (got "${config.TEMPORAL_UI_ORIGIN}")`);
  }
  return config;
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

function toConfigError(error: ValidationError, raw: Record<string, string>): ConfigError {
  // A value of the wrong type fails every constraint: report the type, not e.g. the range.
  const order = ['isInt', 'isBoolean', 'isString', 'matches', 'isIn'];
  const constraints = error.constraints ?? {};
  const first = order.find((k) => k in constraints) ?? Object.keys(constraints)[0];
  const messages = first ? [constraints[first]] : [];
  // class-validator messages start with the property name; keep only the explanation.
  const detail = (messages[0] ?? 'is invalid').replace(new RegExp(`^${error.property}\\s*`), '');
  const given = error.property in raw ? ` (got "${raw[error.property]}")` : ' (not set)';
  const secret = /KEY|PASSWORD|URL|^METRICS_TOKEN$/.test(error.property);
  return new ConfigError(error.property, `${detail}${secret ? '' : given}`);
}

/** The database URL the API and worker use; set by the launcher for the embedded PostgreSQL. */
export function requireDatabaseUrl(config: AppConfig): string {
  if (!config.DATABASE_URL) {
    throw new ConfigError('DATABASE_URL', 'must be set (npm start sets it for the embedded PostgreSQL)');
  }
  return config.DATABASE_URL;
}

/** The Temporal frontend the API and worker connect to. */
export function temporalAddress(config: AppConfig): string {
  return config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_DEV_PORT}`;
}
