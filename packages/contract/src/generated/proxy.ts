// Generated from openapi/proxy.yaml by `pnpm generate`. Do not edit by hand.
export interface paths {
    "/api/file/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Fetch processing results for a file (cached pass-through)
         * @description The upstream's `GET /api/file/{id}`, answered from the cache when this token fetched the
         *     same id recently, else forwarded with the caller's `Authorization`, `Accept` and request
         *     id (concurrent requests for the same token and id share one upstream request).
         */
        get: operations["getFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/file/{id}/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The summary of a file's processing result
         * @description What a user interface shows about the file: state, progress, decision and why, engines,
         *     threats, sanitization, DLP and failure. Computed from the same cached upstream result as
         *     `GET /api/file/{id}`: a summary of a cached result costs no upstream call.
         */
        get: operations["getFileSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/file/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A file's progress, pushed (Server-Sent Events)
         * @description What `GET /api/file/{id}/summary` would answer, pushed whenever it changes, until the file
         *     is done. The proxy polls the upstream once per (bearer token, id) for every subscriber
         *     and for plain polling clients alike (they read and refresh the same cache entry), only
         *     while someone listens, backing off for long scans and honouring `Retry-After`.
         *
         *     The body is `text/event-stream` (WHATWG HTML, server-sent events); OpenAPI 3.2's
         *     `itemSchema` types each event (`FileEvent`, a `oneOf` on `event`) as the standard reads
         *     it: an `id:` line, an `event:` line and one `data:` line, whose text is the JSON of a
         *     `FileSummary` or a `Problem` (`contentSchema`):
         *
         *     - `progress`: a `FileSummary` while the file is processed, sent when it changes;
         *     - `done`: the final `FileSummary` (`done: true`); the stream then ends. The full
         *       result is one `GET /api/file/{id}` away, from the cache;
         *     - `problem`: a `Problem` when the upstream fails for good after the stream began (the
         *       record vanished mid-scan, the token expired mid-stream, failures past the stream's
         *       patience); the stream then ends.
         *
         *     A comment line (`: heartbeat`) comes every 15 s so that intermediaries keep the
         *     connection open. The stream opens at once with `retry: <ms>`, the reconnection delay, as
         *     the first line of the first event's block. Neither is followed by a blank line of its
         *     own: some clients (`@microsoft/fetch-event-source`) report every blank line as a
         *     message, an empty one after a block without `data`.
         *
         *     A stream that cannot begin is not opened: when the file's first answer is a refusal (an
         *     unknown id, a refused or forbidden token, a spent budget, an upstream that rate-limits
         *     or is busy) or a limit refuses the stream, the answer is that status with an
         *     `application/problem+json` body, as the other file endpoints answer it (404, 401, 403,
         *     429 and 503 with `Retry-After`). A conforming `EventSource` does not reconnect after a
         *     status other than 200, so a watcher of an unknown file costs one request, not one a
         *     second. An upstream that fails or cannot be reached does not refuse the stream: it
         *     opens, and waits that out up to its patience.
         *
         *     Reconnecting: an event's `id` names what it carried, not when. A summary's id is derived
         *     from the summary alone (the same summary has the same id on every instance, after any
         *     restart or gap); a final `problem` event's id begins with `problem-`. Send the last id
         *     seen as `Last-Event-ID` (browsers' `EventSource` does it by itself): when it names the
         *     file's current summary, nothing is sent until the summary changes; when it names an
         *     older one, the current summary comes at once; when it names the final summary or a final
         *     problem, the answer is 204 and no stream begins. Ids are opaque: compare them for
         *     equality only. Streams are limited per token and in all, and in lifetime; past a limit
         *     the answer is a problem (429 per token, 503 in all). The token travels in
         *     `Authorization`, never in the URL.
         */
        get: operations["getFileEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/files/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The summaries of many files in one request
         * @description `GET /api/file/{id}/summary` for each listed file (1 to 100 ids), in one answer: each
         *     entry, in the order of the ids, is that file's summary or that file's problem (an
         *     unknown id, a refusal or failure of the upstream for that file), so one file's problem
         *     never hides the others'. Each file is read through the same cache entry and single
         *     flight as its own endpoints, and counts against the credential's budget of new ids as
         *     they do.
         *
         *     The answer has an entity tag of its own (`ETag`, over the whole body): with `Prefer:
         *     wait` and that tag in `If-None-Match`, the answer is held until any listed file's entry
         *     differs, or the seconds pass (then 304). When every listed file is done, it answers at
         *     once. A held request counts as one against the proxy's limits, as one held summary
         *     does.
         */
        get: operations["getFilesSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/files/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Many files' progress on one stream (Server-Sent Events)
         * @description `GET /api/file/{id}/events` for 1 to 100 files over one connection: a page that
         *     watches 50 files needs one of the six connections a browser allows an origin over
         *     HTTP/1.1, not 50. Each event names its file (`FilesEvent`: its `data` is a `FileEntry`,
         *     whose `id` is the id as the request listed it) and follows that file's own rules: a
         *     `progress` event when its summary changes, then `done` with its final summary, or a
         *     `problem` (an unknown id, the upstream's refusal or failure for good, for that file
         *     alone). Each file ends on its own; the stream ends when every listed file has. The
         *     first event of each file comes at once (its current summary), in no promised order.
         *
         *     Framing as `GET /api/file/{id}/events`: `retry:` in the first event's block, a
         *     `: heartbeat` comment every 15 s, one `data:` line of JSON per event.
         *
         *     Reconnecting: each event's `id` (`FilesEventId`) names, for every listed file, what
         *     this client has of it after that event, so the last id resumes every file at once. Send
         *     it as `Last-Event-ID` with the same ids in the same order (browsers' `EventSource` does
         *     both by itself): a file whose end the id names sends nothing and is not polled for this
         *     client; a file whose current summary it names sends nothing until that changes; any
         *     other file sends its current summary at once. When it names the end of every listed
         *     file, the answer is 204 and no stream begins. An id that is no `FilesEventId`, or lists
         *     another number of files, is ignored. Ids are opaque to clients: send back the last one,
         *     compare for equality only.
         *
         *     Limits: each listed id counts as one stream against the credential's limit
         *     (`STREAMS_PER_CREDENTIAL`), the connection as one against the limit in all
         *     (`STREAMS_MAX`); past them the stream is refused before it begins (429, 503), as a
         *     single file's is. A file's upstream refusal does not refuse the stream: it is that
         *     file's `problem` event. The token travels in `Authorization`, never in the URL.
         */
        get: operations["getFilesEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/hooks/mdss": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Receive MDSS's File Scanned notification (PUT)
         * @description `POST /hooks/mdss`, for an MDSS configured to send its notifications as PUT.
         */
        put: operations["putMdssNotification"];
        /**
         * Receive MDSS's File Scanned notification (POST)
         * @description Where MDSS sends its notifications (`mdss.yaml`'s webhooks), configured in MDSS with
         *     this URL, POST or PUT, and the custom header `Authorization: Bearer <MDSS_NOTIFY_SECRET>`.
         *     Off unless the proxy's `MDSS_NOTIFY_SECRET` is set: then every request is answered 404.
         *
         *     **A notification is a hint, never data.** It carries no user's credential, so nothing in
         *     it is stored or served to anyone: of a File Scanned notification only `FileId` is read.
         *     It makes every watch of that file, for every credential and on every instance of a
         *     fleet, poll the upstream now (through the usual single flight, limits and budget), and
         *     marks cached in-progress results of that id stale, so that the next request asks MDSS.
         *     A flood of them, forged or real, costs at most one extra poll per watch per short
         *     interval. A Scan Completed notification names no file: it is received and changes
         *     nothing.
         *
         *     Checked in this order, each refusal changing nothing: off (404); the bearer secret,
         *     compared in constant time (401); the body's size (413, read no further than the bound);
         *     the body as JSON (400); its `WebhookNotificationType` (422). A good notification is
         *     answered 204 at once, before any poll: MDSS never retries, so answering never waits on
         *     MDSS or the store. The body is read as JSON whatever its `Content-Type`.
         */
        post: operations["postMdssNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness of the proxy
         * @description Answers without touching the upstream; reports whether the cache store answers.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /**
         * Liveness of the proxy, without a body
         * @description `GET /healthz`'s status and headers, without its body.
         */
        head: operations["headHealth"];
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness of the proxy, and whether its store and upstream can be reached
         * @description Whether this instance should receive traffic. Only the proxy's own state decides the
         *     status (503 once it is stopping): an unreachable store or upstream is reported in the
         *     body but leaves the status at 200, since the proxy answers from its cache (stale
         *     results) or fails open through them, and an upstream outage must not pull every replica
         *     out of the load balancer at once. The store and the upstream are probed at most once per
         *     few seconds, however often this is asked.
         *
         *     An operations endpoint (see `opsToken`): with `OPS_TOKEN` set it answers only a request
         *     that carries that token, and with `OPS_PORT` set it is served on that port only (this
         *     path answers 404 on the public one).
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /**
         * Readiness of the proxy, without a body
         * @description `GET /readyz`'s status and headers, without its body.
         */
        head: operations["headReadiness"];
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Metrics in Prometheus' text format (process runtimes)
         * @description Counters, gauges and histograms named `mdss_proxy_*` (see the proxy's README), plus the
         *     process's own. No label carries a token, a cache key or a file id. Not served on
         *     Workers, which have no process to scrape. A scrape costs a few milliseconds of CPU.
         *
         *     An operations endpoint (see `opsToken`): with `OPS_TOKEN` set it answers only a request
         *     that carries that token, and with `OPS_PORT` set it is served on that port only (this
         *     path answers 404 on the public one).
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /**
         * Metrics, without a body
         * @description `GET /metrics`' status and headers, without its body (process runtimes).
         */
        head: operations["headMetrics"];
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description An RFC 9457 problem document. */
        Problem: {
            /**
             * @description A URI reference naming the kind of problem.
             * @example urn:mdss-kit:problem:invalid-id
             */
            type: string;
            /** @description A short summary of the kind of problem. */
            title: string;
            /** @description The HTTP status of this response. */
            status: number;
            /** @description What went wrong with this request, in a sentence. */
            detail?: string;
            /** @description The request path. */
            instance?: string;
            /** @description The request id, to find the proxy's log line. */
            requestId?: string;
            /** @description The status the upstream answered, when it answered one. */
            upstreamStatus?: number;
        };
        /**
         * @description `processingState` in words: 0 in_progress, 1 failed, 3 available, anything else (or none)
         *     unknown. 2 is Available in the reference and Canceled in MDSS's file API table
         *     (docs/decisions/003): a state-2 record whose scan finished (a scan result, every progress
         *     figure 100) is available; one whose scan never finished is canceled, which is final
         *     (`done`) and never `allowed`. New in 0.2: a `switch` over this type must handle
         *     `canceled`.
         * @enum {string}
         */
        SummaryState: "in_progress" | "failed" | "canceled" | "available" | "unknown";
        /**
         * @description `processInfo.result` in words. `processing` also while the file has no scan result yet;
         *     `unknown` for a finished file without a known result. A canceled file is never
         *     `allowed` (its scan never finished): `blocked` when the upstream said so, else `unknown`.
         * @enum {string}
         */
        Decision: "allowed" | "blocked" | "processing" | "unknown";
        /**
         * @description A file's processing result condensed for display. Fields the upstream did not send are
         *     absent (`name`, `size`, `sha256`, `processingState`, `verdict`, `blockedReason`, `dlp`,
         *     `failure`) or neutral (`engines` 0/0, `threats` empty, `sanitized` false).
         */
        FileSummary: {
            /** @description The file id. */
            id: string;
            /** @description The file name. */
            name?: string;
            /**
             * Format: int64
             * @description Size in bytes.
             */
            size?: number;
            /** @description SHA-256 of the content, as MetaDefender Core computed it. */
            sha256?: string;
            state: components["schemas"]["SummaryState"];
            /** @description The raw `processingState`. */
            processingState?: number;
            /** @description Upload and scan progress in percent, when the upstream gave them. */
            progress: {
                upload?: number;
                scan?: number;
            };
            /** @description Whether polling may stop (`isTerminal`). */
            done: boolean;
            decision: components["schemas"]["Decision"];
            /** @description The overall scan result (`scanAllResultI`) and its label. */
            verdict?: {
                code: number;
                label: string;
            };
            /** @description Engines used, and those that detected something (infected, suspicious or unwanted). */
            engines: {
                total: number;
                detected: number;
            };
            /** @description What each detecting engine found. */
            threats: {
                engine: string;
                name: string;
            }[];
            /** @description Why the file was blocked, when it was. */
            blockedReason?: string;
            /** @description Whether sanitization (Deep CDR) ran on the file. */
            sanitized: boolean;
            /**
             * @description For a sanitized file, the type Deep CDR converted it to (`postProcessing.convertedTo`),
             *     when the upstream named one.
             */
            convertedTo?: string;
            /**
             * @description The CVEs found in the file (`vulnerabilityInfo.result.vulnerabilities`, and the
             *     `vulnerabilites` spelling of Core's own OpenAPI, both counted), and the highest
             *     severity among them: the `severity` of the CVE with the highest `severity_index`
             *     (or, without one, by the order low, moderate, important, critical), lower-cased.
             */
            vulnerabilities: {
                count: number;
                highestSeverity?: string;
            };
            /** @description The DLP verdict, its label and the number of matches over all rules. */
            dlp?: {
                verdict: number;
                label: string;
                hits: number;
            };
            /** @description The `exceptionDetails` of a failed file. */
            failure?: string;
        };
        /**
         * @description One event of `GET /api/file/{id}/events` as OpenAPI 3.2 models a server-sent event: its
         *     `event` name, its `id` (naming what it carried, see `EventId`) and its `data`, the text
         *     of its one `data:` line, which is JSON (`contentMediaType`) of the branch's
         *     `contentSchema`. The branches are told apart by `event`, a `const` in each (no
         *     `discriminator`: without a `mapping` openapi-typescript would type `event` as the
         *     schema's name, and Ajv does not read one). The stream's opening `retry:` and its
         *     heartbeat comments are no events.
         */
        FileEvent: components["schemas"]["FileProgressEvent"] | components["schemas"]["FileDoneEvent"] | components["schemas"]["FileProblemEvent"];
        /** @description The file's summary changed while it is processed. */
        FileProgressEvent: {
            /** @constant */
            event: "progress";
            id: components["schemas"]["EventId"];
            data: string;
        };
        /** @description The file is done; `data` is its final summary. The last event of the stream. */
        FileDoneEvent: {
            /** @constant */
            event: "done";
            id: components["schemas"]["EventId"];
            data: string;
        };
        /** @description The upstream failed for good; the last event of the stream. */
        FileProblemEvent: {
            /** @constant */
            event: "problem";
            id: components["schemas"]["EventId"];
            data: string;
        };
        /**
         * @description Names what the event carried: a summary's id is derived from the summary's content alone
         *     (the summary endpoint's entity tag, without its quotes), so the same summary has the
         *     same id wherever and whenever it is sent; a final problem's id begins with `problem-`.
         *     Opaque otherwise: compare ids for equality, never order them.
         */
        EventId: string;
        /**
         * @description A notification the proxy receives at `/hooks/mdss`: MDSS's File Scanned or Scan Completed
         *     (`mdss.yaml`), told apart by `WebhookNotificationType`, a `const` in each. Any other type
         *     is refused (422).
         */
        Notification: components["schemas"]["FileScannedNotification"] | components["schemas"]["ScanCompletedNotification"];
        /**
         * @description One listed file's state, in a `FilesSummary` and in the `data` of a `FilesEvent`: its
         *     summary, or its problem. `id` is the id as the request listed it (the summary's own `id`
         *     is the upstream's, which may differ in case).
         */
        FileEntry: components["schemas"]["SummaryEntry"] | components["schemas"]["ProblemEntry"];
        /** @description A listed file and its summary. */
        SummaryEntry: {
            id: components["schemas"]["FileId"];
            summary: components["schemas"]["FileSummary"];
        };
        /**
         * @description A listed file and its problem, as its own endpoints would answer it (`not-found`, the
         *     upstream's refusal or failure, `rate-limited`, …), `status` the status they would have.
         */
        ProblemEntry: {
            id: components["schemas"]["FileId"];
            problem: components["schemas"]["Problem"];
        };
        /** @description The body of `GET /api/files/summary`. */
        FilesSummary: {
            /** @description One entry per listed id, in the order of the ids. */
            files: components["schemas"]["FileEntry"][];
        };
        /**
         * @description One event of `GET /api/files/events`, modelled as `FileEvent` is: `event` names what
         *     happened to one file, `data` is the JSON text of that file's `FileEntry`, and `id`
         *     (`FilesEventId`) names what the client has of every listed file after this event.
         */
        FilesEvent: components["schemas"]["FilesProgressEvent"] | components["schemas"]["FilesDoneEvent"] | components["schemas"]["FilesProblemEvent"];
        /** @description A file's summary changed while it is processed (a `SummaryEntry`). */
        FilesProgressEvent: {
            /** @constant */
            event: "progress";
            id: components["schemas"]["FilesEventId"];
            data: string;
        };
        /** @description A file is done: its final summary (a `SummaryEntry`), its last event. */
        FilesDoneEvent: {
            /** @constant */
            event: "done";
            id: components["schemas"]["FilesEventId"];
            data: string;
        };
        /** @description A file failed for good (a `ProblemEntry`), its last event. */
        FilesProblemEvent: {
            /** @constant */
            event: "problem";
            id: components["schemas"]["FilesEventId"];
            data: string;
        };
        /**
         * @description The id of a `FilesEvent`: one token per listed file, in the order of the request's ids,
         *     joined by `.`, naming what the client has of that file once it has this event. `n`:
         *     nothing yet; five base-36 digits: the file's summary, by a digest of the summary's own
         *     `EventId` (its UTF-8 bytes' 32-bit FNV-1a hash modulo 36^5, in base 36, five digits);
         *     `d`: its final summary (`done`); `p`: a final problem. So one id resumes every file,
         *     and, like `EventId`, it is derived from what was sent alone: any instance, after any
         *     restart, reads it without a look-up. An end is named outright, never by a digest, so a
         *     digest's collision (one in 60 million) can at worst hold back one progress update until
         *     the next, never lose an end. See docs/decisions/008-multi-file-event-ids.md. Opaque to
         *     clients: compare for equality only.
         * @example n.n
         * @example 0k3f9.d.p
         * @example d.d.d
         */
        FilesEventId: string;
        Health: {
            /** @enum {string} */
            status: "ok";
            store: {
                /** @enum {string} */
                kind: "memory" | "redis" | "cache-api";
                /** @description Whether the cache store answered its last operation. */
                available: boolean;
            };
        };
        Readiness: {
            /** @enum {string} */
            status: "ready" | "stopping";
            store: {
                /** @enum {string} */
                kind: "memory" | "redis" | "cache-api";
                /** @description Whether the store answered the last probe. */
                reachable: boolean;
            };
            upstream: {
                /** @description Whether MDSS answered the last probe with any HTTP status. */
                reachable: boolean;
            };
            /**
             * @description Present when MDSS's notifications are configured (`MDSS_NOTIFY_SECRET`). MDSS never
             *     retries a notification, so one misconfigured sends nothing and silence is the only
             *     symptom: `silent` is true while watched files keep finishing by polling alone (10 or
             *     more since the last notification, none for 10 minutes). It leaves the status alone.
             */
            notifications?: {
                silent: boolean;
                /**
                 * Format: date-time
                 * @description When the last notification this instance accepted came.
                 */
                lastReceivedAt?: string;
            };
        };
        /**
         * @description A file id; exactly one URL path segment. The pattern uses only what ECMA-262 (with or
         *     without the `u` flag) and RE2 read alike: `\xHH` escapes and a literal U+FFFD, no `\u`
         *     escape, no lookaround; `.` and `..` are refused by `not`. Unpaired surrogates are not
         *     named: no UTF-8 text, hence no URL, can carry one, and the range that would name them is
         *     what RE2 refuses (`fileIdProblem` refuses them before a request is built). Python's `re`
         *     also lets `$` match before one final newline, so there an id ending in `\n` passes the
         *     pattern; `fileIdProblem` and the proxy refuse it.
         */
        FileId: string;
        /**
         * @description Storage vendors as OPSWAT's MDSS deployment examples number them (`storageVendorType` in
         *     OPSWAT/metadefender-k8s, domain notes §8.3). Caveat: very likely, not confirmed, the
         *     numbering of `storageType`; only 0 (S3) has been seen in a file record.
         * @enum {integer}
         */
        KnownStorageType: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
        /**
         * @description The storage unit's kind; very likely the vendor table of `KnownStorageType` (unconfirmed:
         *     only 0, S3 storage, has been seen here). Any other integer is accepted.
         */
        StorageType: components["schemas"]["KnownStorageType"] | number;
        /** @description The owner of the file in its storage. */
        FileOwner: {
            /** @description The owner's user id (a GUID in the reference's example). */
            userId?: string;
        };
        /** @description A percentage; 100 means that stage is complete. */
        Percent: number;
        /** @description Progress information about upload and scanning. */
        Progress: {
            /** @description Upload progress, percent. */
            upload?: components["schemas"]["Percent"];
            /** @description Scan progress, percent. */
            scan?: components["schemas"]["Percent"];
        };
        /**
         * @description The processing states MDSS's documents name. Two sources disagree on 2: the reference
         *     (5.2.4) lists 2 Available; MDSS's file API filter table (4.0, 4.2, 4.5) lists 2 Canceled
         *     and 3 Available, and the reference's own example answers 3 for a finished, allowed file.
         *     See docs/decisions/003-processing-state-2-and-3.md.
         * @enum {integer}
         */
        KnownProcessingState: 0 | 1 | 2 | 3;
        /**
         * @description The file's processing state: 0 In Progress, 1 Failed (see `exceptionDetails`),
         *     2 Canceled or Available (the sources disagree: MDSS's file API table says Canceled, the
         *     reference says Available; only the record itself tells them apart: a canceled file's scan
         *     never finished), 3 Available (MDSS's file API table, and the reference's own example).
         *     Other values may occur: treat an unknown state as finished only when every progress figure
         *     is 100 and a scan result is present and not "Processing".
         */
        ProcessingState: components["schemas"]["KnownProcessingState"] | number;
        /**
         * Format: date-time
         * @description RFC 3339 date-time. MDSS writes any number of fractional digits (`.88Z`, `.885Z`,
         *     `.3560169Z`): parse it, never match a fixed layout.
         */
        Timestamp: string;
        /** @description A duration in milliseconds. */
        Milliseconds: number;
        /**
         * @description MetaDefender Core's scan result codes (current Core names; 4, 5, 6 and 11 are legacy or
         *     MetaDefender Cloud codes that older deployments still emit).
         * @enum {integer}
         */
        KnownScanResultCode: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18 | 19 | 20 | 21 | 22 | 23 | 255;
        /**
         * @description A MetaDefender Core scan result code, shared by the overall result (`scanAllResultI`) and
         *     each engine's (`scanResultI`). 255 means in progress. Engines report a subset (0, 1, 2, 3,
         *     10, 19, 22, 23 in current Core); older engines and future releases report others, so any
         *     integer is accepted.
         */
        ScanResultCode: components["schemas"]["KnownScanResultCode"] | number;
        /**
         * @description A duration in milliseconds, whole or not: MetaDefender Cloud engine results (which MDSS
         *     meets through Cloud scan pools) write `10002.0` (domain notes §8.5).
         */
        DecimalMilliseconds: number;
        /**
         * @description One antivirus engine's result. An object without `engineName` and `engId` is not an
         *     engine (domain notes §8.8).
         */
        ScanDetail: {
            /** @description The engine's name (may contain spaces, `.` or `!`). */
            engineName?: string;
            /** @description The unique identification string for the engine. */
            engId?: string;
            /** @description Numeric code of the engine's scan result. */
            scanResultI?: components["schemas"]["ScanResultCode"];
            /**
             * @description Name of the threat when the code is 1, 2 or 22; otherwise empty, or an engine error
             *     message. `null` in MetaDefender Cloud engine results (domain notes §8.5).
             */
            threatFound?: string | null;
            /** @description The database definition time for this engine. */
            defTime?: components["schemas"]["Timestamp"];
            /** @description Time elapsed during the scan with this engine (a decimal in Cloud results, §8.5). */
            scanTime?: components["schemas"]["DecimalMilliseconds"];
            /**
             * @description Time between sending the file to the node and receiving this engine's result (a
             *     decimal in Cloud results, §8.5).
             */
            waitTime?: components["schemas"]["DecimalMilliseconds"];
            /** @description Where the engine is deployed, `local` or `remote` (MetaDefender Core). */
            location?: string;
        };
        /**
         * @description A `scanDetails` entry that is not an object, such as the bare percentage Core keeps under
         *     `progress_percentage` in its map (domain notes §8.8). Never an engine.
         */
        NotAnEngine: number | string | boolean | null | unknown[];
        /** @description One entry of `scanDetails`: an engine's result, or (§8.8) something that is not an engine. */
        ScanDetailsEntry: components["schemas"]["ScanDetail"] | components["schemas"]["NotAnEngine"];
        /** @description Results of the multiscan. */
        ScanResults: {
            /**
             * @description Scan results for each antivirus engine. (The reference's text, copied from Core, calls
             *     this a map keyed by engine name; MDSS answers an array with `engineName`.) An entry
             *     may be something other than an engine: Core's map can hold the non-engine key
             *     `progress_percentage`, which a real client filters out (domain notes §8.8), so once
             *     the map is an array an entry may be an object without `engineName` and `engId`, or
             *     not an object at all. Only an object with `engineName` or `engId` is an engine.
             */
            scanDetails?: components["schemas"]["ScanDetailsEntry"][];
            /** @description MetaDefender Core generated ID of the requested file. */
            dataId?: string;
            /**
             * @description The overall scan result code. Engine results are consolidated by priority: threat
             *     found, suspicious, encrypted or archive limits, file type mismatch, no threat, not
             *     scanned, failed. 255 while in progress.
             */
            scanAllResultI?: components["schemas"]["ScanResultCode"];
            /** @description The overall scan result as text. Its wording differs across versions; branch on `scanAllResultI`. */
            scanAllResultA?: string;
            /** @description Start time of the scan as recorded by MetaDefender Core. */
            startTime?: components["schemas"]["Timestamp"];
            /**
             * @description Total time elapsed during the scan, as recorded by MetaDefender Core (a decimal in
             *     Cloud results, §8.5).
             */
            totalTime?: components["schemas"]["DecimalMilliseconds"];
            /**
             * @description Number of antivirus engines used. Not always the number of `scanDetails` entries (the
             *     reference's example says 11 and lists 10).
             */
            totalAvs?: number;
            /** @description Number of engines that detected a threat (MetaDefender Core; may be absent). */
            totalDetectedAvs?: number;
            /** @description Percentage of progress; 100 means the scan is complete. */
            progressPercentage?: components["schemas"]["Percent"];
        };
        /** @description Basic information of the scanned file, as MetaDefender Core saw it. */
        FileInfo: {
            /**
             * Format: int64
             * @description File size in bytes.
             */
            fileSize?: number;
            /** @description When MetaDefender Core received the file. */
            uploadTimestamp?: components["schemas"]["Timestamp"];
            /** @description MD5 of the content, hex. */
            md5?: string;
            /** @description SHA-1 of the content, hex. */
            sha1?: string;
            /** @description SHA-256 of the content, hex. */
            sha256?: string;
            /** @description The detected file type as a MIME type (`application/pdf`; MetaDefender Core). */
            fileType?: string;
            /** @description Human-readable file type. */
            fileTypeDescription?: string;
            /** @description The name MetaDefender Core received (may arrive percent-encoded). */
            displayName?: string;
        };
        /** @description One kind of object Deep CDR sanitized or removed, as MetaDefender Core's schema names it. */
        SanitizedObject: {
            /** @description `sanitized` or `removed`. */
            action?: string;
            /** @description The kind of object (`macro`, `hyperlink`, `XLS file`). */
            objectName?: string;
            count?: number;
            /**
             * @description What was sanitized or removed (a macro's source, the links). Core's schema says a
             *     string; its example, a list of strings: both are accepted.
             */
            objectDetails?: string | string[];
            /** @description The name of the embedded file, when the object is one. */
            fileName?: string;
        };
        /**
         * @description One entry of Deep CDR's `details`: a kind of object it sanitized or removed, or an
         *     embedded file (`fileName`: a worksheet inside a workbook) with that file's own
         *     `description` and `details`, which OPSWAT's example shows and Core's schema lacks.
         */
        SanitizationDetail: {
            /** @description The embedded file's outcome (`Sanitized successfully.`, `invalid file structure.`). */
            description?: string;
            /**
             * @description The embedded file's own details: a string (`Relationship file sharedStrings.xml does
             *     not exist`) or a list of the objects in it. Typed one level deep: the bundled contract
             *     is dereferenced, so a schema cannot contain itself; a file embedded deeper still
             *     validates, as an object with properties of its own.
             */
            details?: string | components["schemas"]["SanitizedObject"][];
        } & components["schemas"]["SanitizedObject"];
        /** @description What Deep CDR did to the file's objects (MetaDefender Core's `sanitization_details`). */
        SanitizationDetails: {
            description?: string;
            /**
             * @description Sometimes a plain string, not a list, and list items may lack `count` or
             *     `objectName`; OPSWAT's own Menlo integration handles both (domain notes §8.6).
             */
            details?: string | components["schemas"]["SanitizationDetail"][];
        };
        /** @description The result of sanitization (Deep CDR) and post actions. */
        PostProcessing: {
            /**
             * @description `Sanitized` or empty, and the names of post actions that also ran, separated by
             *     ` | ` (such as `PAscript` or `Sanitized | PAscript`).
             */
            actionsRan?: string;
            /**
             * @description `Sanitization Failed` or empty, and the names of failed post actions, separated by
             *     ` | ` (such as `Sanitization Failed | PAscript failed`).
             */
            actionsFailed?: string;
            /** @description The target type of sanitization. */
            convertedTo?: string;
            /**
             * @deprecated
             * @description Obsolete; do not use.
             */
            copyMoveDestination?: string;
            /** @description The name of the sanitized file. */
            convertedDestination?: string;
            sanitizationDetails?: components["schemas"]["SanitizationDetails"];
        };
        /**
         * @description The final result of processing the file: `Allowed`, `Blocked` or `Processing`. Kept an
         *     open string: newer releases add outcomes (such as `Failed Remediations` or `Canceled`).
         * @example Allowed
         * @example Blocked
         * @example Processing
         */
        ProcessResultDecision: string;
        /** @description Process information of a blocked file. Its shape is not documented. */
        BlockedProcessInfo: Record<string, unknown>;
        /** @description Process information. */
        ProcessInfo: {
            postProcessing?: components["schemas"]["PostProcessing"];
            /**
             * @description Percentage of processing completed. Can lag the scan's percentage: sanitization and
             *     post actions run after the antivirus scan.
             */
            progressPercentage?: components["schemas"]["Percent"];
            /** @description Who called the API (`mdss`). */
            userAgent?: string;
            /** @description The name of the MetaDefender Core rule used. */
            profile?: string;
            result?: components["schemas"]["ProcessResultDecision"];
            /** @description Why the file was blocked (such as `Infected` or `Sensitive Data Found`); empty otherwise. */
            blockedReason?: string;
            blockedProcessInfo?: components["schemas"]["BlockedProcessInfo"];
            /** @description Whether the file's detected type is configured to skip scanning. */
            fileTypeSkippedScan?: boolean;
            /** @description Total time elapsed processing the file on the node. */
            processingTime?: components["schemas"]["Milliseconds"];
            /** @description Total time the file waited in the queue. */
            queueTime?: components["schemas"]["Milliseconds"];
            /** @description Who submitted the file to MetaDefender Core (`LOCAL/admin`). */
            username?: string;
            /** @description The issues found, aggregated (`Sensitive Data Found`). */
            verdicts?: string[];
            /**
             * @description What in this result is out of date: `enginedefinitions` (an engine has newer
             *     definitions), `configuration` (the rule changed since), `sanitization` (the sanitized
             *     file is gone). Core's OpenAPI first spelt the first `enginedefinition`, in its schema
             *     and example alike, and corrected the schema a commit before the example: any string
             *     is accepted.
             */
            outdatedData?: string[];
        };
        /**
         * @description The DLP verdicts MDSS documents.
         * @enum {integer}
         */
        KnownDlpVerdict: 0 | 1 | 2 | 3 | 4;
        /** @description The overall DLP result for the file. */
        DlpVerdict: components["schemas"]["KnownDlpVerdict"] | number;
        /**
         * @description The certainty levels MetaDefender Core documents.
         * @enum {string}
         */
        KnownDlpCertainty: "Very Low" | "Low" | "Medium" | "High" | "Very High";
        /**
         * @description Text form of `certainty_score`. Which levels a rule can reach depends on its data type
         *     (SSN: Low to High; credit card numbers: all five). The score-to-level thresholds are not
         *     published: never derive one from the other.
         */
        DlpCertainty: components["schemas"]["KnownDlpCertainty"] | string;
        /** @description One match of a DLP rule. */
        DlpHit: {
            /** @description The context before the matched data. */
            before?: string;
            /** @description The context after the matched data. */
            after?: string;
            /** @description The matched data (often masked, such as `XXXX XXXX XXXX 1938`). */
            hit?: string;
            certainty?: components["schemas"]["DlpCertainty"];
            /** @description Relevance of the hit in its context, 0–100. */
            certainty_score?: number;
            /**
             * @deprecated
             * @description Deprecated: 0 detected, 1 suspicious. MetaDefender Core v4's documented DLP result
             *     writes it as the string `"0"` (domain notes §8.4).
             */
            severity?: number | string;
            /** @description Whether the match was redacted in the output file. */
            isRedacted?: boolean;
        };
        /** @description The matches of one DLP rule. */
        DlpRuleHits: {
            /** @description Credit Card Number, Social Security Number, or the name given to a regular-expression rule. */
            display_name?: string;
            hits?: components["schemas"]["DlpHit"][];
        };
        /** @description The outcome of one DLP step. */
        DlpStepResult: {
            /**
             * @description `redacted`, `not redacted`, `failed to redact` (and the like for `added` watermarks
             *     and `removed` metadata).
             */
            result?: string;
        };
        /** @description The fields of a Proactive DLP result. */
        DlpResult: {
            verdict?: components["schemas"]["DlpVerdict"];
            /**
             * @deprecated
             * @description Deprecated: 0 certainly is data loss, 1 might be data loss.
             */
            severity?: number;
            /**
             * @description Matches by rule. Keys are `ccn` (credit card number), `ssn` (social security number)
             *     and `regex_<n>` (user-defined rules). The inner keys are snake_case as MetaDefender
             *     Core writes them.
             */
            hits?: {
                [key: string]: components["schemas"]["DlpRuleHits"];
            };
            certainty?: components["schemas"]["DlpCertainty"];
            /**
             * @description Errors of the DLP steps. Core's schema describes a list of error objects but types an
             *     object, and its example is an object keyed by step (`scan`, `redact`, `watermark`,
             *     `metadata_removal`): both are accepted.
             */
            errors?: {
                [key: string]: string;
            } | unknown[];
            /** @description The name of the processed (redacted, watermarked) output file. */
            filename?: string;
            metadataRemoval?: components["schemas"]["DlpStepResult"];
            redact?: components["schemas"]["DlpStepResult"];
            watermark?: components["schemas"]["DlpStepResult"];
        };
        /**
         * @description Information on matched sensitive data (Proactive DLP). MetaDefender Core's OpenAPI schema
         *     nests these fields in a second `dlp_info` (`dlpInfo.dlpInfo.verdict`), while the
         *     reference's example and Core's documented results have them here: both are accepted,
         *     and `summarize` reads a field from the inner object when the outer lacks it.
         */
        DlpInfo: {
            dlpInfo?: components["schemas"]["DlpResult"];
        } & components["schemas"]["DlpResult"];
        NamedRef: {
            id?: number;
            name?: string;
        };
        Vulnerability: {
            description?: string;
            /**
             * @description Core's schema lists lower-case words (`low` … `critical`); its example writes
             *     `CRITICAL`: any string is accepted, and `summarize` compares without case.
             */
            severity?: string;
            /** @description 0 unknown to 5 most severe. */
            severity_index?: number;
            static_id?: number;
            details?: {
                cve?: string;
                cpe?: string;
                cwe?: string;
                /** @description CVSS figures, each a string (`score` is `"10.0"`). */
                cvss?: {
                    "access-complexity"?: string;
                    "access-vector"?: string;
                    authentication?: string;
                    "availability-impact"?: string;
                    "confidentiality-impact"?: string;
                    "generated-on-epoch"?: string;
                    "integrity-impact"?: string;
                    score?: string;
                    source?: string;
                };
                /** @description Epoch seconds, as a string. */
                last_modified_epoch?: string;
                /** @description Epoch seconds, as a string. */
                "published-epoch"?: string;
                references?: string[];
            };
        };
        /**
         * @description File-based vulnerability assessment (MetaDefender Core's "Vulnerability Info In
         *     Processing Result"); `{}` when nothing was found or the check did not run. Core's field
         *     names are kept as Core writes them.
         */
        VulnerabilityInfo: {
            result?: {
                /** @description 0 when the check succeeded. */
                code?: number;
                hash?: string;
                method?: number;
                /** @description Epoch seconds, as a string. */
                timestamp?: string;
                timing?: number;
                detected_product?: {
                    has_vulnerability?: boolean;
                    is_current?: boolean;
                    product?: components["schemas"]["NamedRef"];
                    vendor?: components["schemas"]["NamedRef"];
                    remediation_link?: string;
                    /** @description low, moderate, important, critical, not_available or unknown. */
                    severity?: string;
                    version?: string;
                    /** @description The product's signature name. */
                    sig_name?: string;
                    /** @description OPSWAT's signature id. */
                    signature?: number;
                    /** @description How far the installed version is behind. */
                    version_data?: {
                        count_behind?: number;
                        feed_id?: number;
                        /** @description The current version in the feed. */
                        version?: string;
                    };
                };
                vulnerabilities?: components["schemas"]["Vulnerability"][];
                /**
                 * @description The CVE list as MetaDefender Core's own OpenAPI example spells it (sic; domain
                 *     notes §8.7). Which spelling a server sends is not confirmed: read both.
                 */
                vulnerabilites?: components["schemas"]["Vulnerability"][];
            };
        };
        /** @description One file extracted from an archive. */
        ExtractedFile: {
            dataId?: string;
            displayName?: string;
            /** Format: int64 */
            fileSize?: number;
            fileType?: string;
            fileTypeDescription?: string;
            scanAllResultI?: components["schemas"]["ScanResultCode"];
            progressPercentage?: components["schemas"]["Percent"];
            /** @description Number of engines that detected a threat in this file. */
            detectedBy?: number;
            /** @description Number of engines that scanned this file. */
            scannedWith?: number;
        };
        /**
         * @description Archive children, as MetaDefender Core lists them. Possibly one page of them: never
         *     assume it lists every child.
         */
        ExtractedFiles: {
            filesExtractedCount?: number;
            firstIndex?: number;
            pageSize?: number;
            filesInArchive?: components["schemas"]["ExtractedFile"][];
        };
        /**
         * @description Results of the scan returned by MetaDefender Core, camel-cased. Absent until Core has the
         *     file, and partial while the scan runs.
         */
        ScanResult: {
            scanResults?: components["schemas"]["ScanResults"];
            fileInfo?: components["schemas"]["FileInfo"];
            processInfo?: components["schemas"]["ProcessInfo"];
            /** @description MetaDefender Core generated ID of the requested file. */
            dataId?: string;
            dlpInfo?: components["schemas"]["DlpInfo"];
            vulnerabilityInfo?: components["schemas"]["VulnerabilityInfo"];
            extractedFiles?: components["schemas"]["ExtractedFiles"];
        };
        /**
         * @description The file-level results MDSS's file API filter table names (domain notes §8.2).
         * @enum {integer}
         */
        KnownFileResultCode: 0 | 1 | 2;
        /**
         * @description MDSS's own result of the file, as a number (0 Allowed, 1 Blocked, 2 Processing), named in
         *     MDSS's file API filter table (§8.2); not in the reference. `scanResult.processInfo.result`
         *     is Core's word for the same decision. Any other integer is accepted.
         */
        FileResultCode: components["schemas"]["KnownFileResultCode"] | number;
        /**
         * @description How the file came to be scanned, as MDSS's file API filter table names it (§8.2).
         * @enum {integer}
         */
        KnownScanType: 0 | 1 | 2;
        /** @description How the file came to be scanned (§8.2). Any other integer is accepted. */
        ScanType: components["schemas"]["KnownScanType"] | number;
        /**
         * @description The remediations MDSS's file API filter table names (§8.2).
         * @enum {integer}
         */
        KnownRemediation: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 100;
        /** @description A remediation performed on the file (§8.2). Any other integer is accepted. */
        Remediation: components["schemas"]["KnownRemediation"] | number;
        /** @description The processing record of one file. */
        FileResult: {
            /** @description ID of the requested file (the id this request was made with). */
            id: string;
            storageType?: components["schemas"]["StorageType"];
            /** @description Name of the storage. */
            storageName?: string;
            /** @description ID of the scan that produced this record. */
            scanId?: string;
            /** @description Name of the scan. */
            scanName?: string;
            fileOwner?: components["schemas"]["FileOwner"];
            /** @description File name. Any Unicode; may contain characters such as `\`. */
            name?: string;
            /** @description File path inside the storage unit, including the name. */
            path?: string;
            /**
             * @description Storage-specific hash: the ETag for S3 and OneDrive (a multipart ETag is
             *     `<md5>-<parts>`), SHA-1 for Box. Not a content hash of a fixed kind.
             */
            hash?: string;
            progress?: components["schemas"]["Progress"];
            /**
             * Format: int64
             * @description File size in bytes (objects can exceed 2^32 bytes).
             */
            size?: number;
            processingState?: components["schemas"]["ProcessingState"];
            /**
             * @description Describes the issue when processing failed (`processingState` 1). May be present and
             *     empty on success: failure is the state, not this field's presence.
             */
            exceptionDetails?: string;
            /** @description Date and time when the request was made. */
            created?: components["schemas"]["Timestamp"];
            /** @description Time needed to upload the file (`uploadCompleted` − `created`). */
            uploadTimeSpanMs?: components["schemas"]["Milliseconds"];
            /** @description Date and time when the upload was completed. */
            uploadCompleted?: components["schemas"]["Timestamp"];
            scanResult?: components["schemas"]["ScanResult"];
            /** @description Engine versions; the element shape is not documented. */
            engineVersions?: unknown[];
            result?: components["schemas"]["FileResultCode"];
            scanType?: components["schemas"]["ScanType"];
            /**
             * @description Remediations performed (§8.2). The filter table takes a list of codes; whether a
             *     record carries one code or a list has not been seen, so both are accepted.
             */
            remediations?: components["schemas"]["Remediation"] | components["schemas"]["Remediation"][];
            /** @description The storage unit's id (MDSS's file API filter table, §8.2). */
            storageId?: string;
            /** @description The id of the snapshot of the workflow the scan ran with (§8.2). */
            scanWorkflowSnapshotId?: string;
            /** @description The number of engine results that are not "No threat detected" (§8.2). */
            scanResultICount?: number;
            /** @description The number of vulnerabilities detected (§8.2). */
            vulnerabilityCount?: number;
            /** @description Whether DLP detected sensitive data (§8.2). */
            dlpDetection?: boolean;
        };
        /**
         * @description The error body is undocumented. What has been seen (domain notes §8.9): MetaDefender
         *     Core's `{"err": "..."}`, its not-found body `{"<id>": "Not Found"}`, MDSS's
         *     `responseKey`/`responseMessage` (camelCase on auth endpoints, PascalCase on scheduling
         *     endpoints), and MetaDefender Cloud's `{"error": {"code", "messages"}}`. Every key is
         *     optional, and any other key is allowed explicitly (Core's not-found body is keyed by the
         *     id), so the generated type admits them too.
         */
        ErrorBody: {
            /** @description MetaDefender Cloud's nested error. */
            error?: {
                code?: number | string;
                messages?: string[];
            };
            responseKey?: string;
            responseMessage?: string;
            ResponseKey?: string;
            ResponseMessage?: string;
            err?: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * @description The `FileStatus` values OPSWAT's field reference names.
         * @enum {string}
         */
        KnownNotifiedFileStatus: "Allowed" | "Blocked";
        /**
         * @description The `FileState` values OPSWAT's field reference names (spelt `Canceled`, one `l`); its
         *     list trails off, so others may come.
         * @enum {string}
         */
        KnownNotifiedFileState: "Available" | "Failed" | "Canceled" | "FailedRemediation";
        /**
         * @description The notification types OPSWAT documents (domain notes §8.10).
         * @enum {string}
         */
        KnownWebhookNotificationType: "FileScanned" | "ScanCompleted";
        /**
         * @description MDSS's File Scanned webhook payload (4.2+; domain notes §8.10), PascalCase as sent. Sent
         *     once per scanned file (or per blocked file only), best effort, never retried.
         *
         *     OPSWAT's page shows one example and a field table that lists every field without saying
         *     which are always sent. Required here is what a receiver cannot do without: the file's id
         *     and the type; the rest is optional (MDSS omits what it has no value for in its file API's
         *     answers, and nothing shows this payload is different). The string fields with known
         *     values are open: a value OPSWAT has not listed is valid.
         */
        FileScannedNotification: {
            /**
             * @description The file's id, documented as a UUID (`0198f02f-ed4d-7c0d-8668-1036d322209c`, a UUIDv7
             *     as newer releases assign, §8.11): the id `GET /api/file/{id}` takes.
             */
            FileId: components["schemas"]["FileId"];
            /** @description The original file name. */
            FileName?: string;
            /** @description The file's path, relative to its storage unit. */
            FilePath?: string;
            /**
             * @description The file's status by MDSS's file definitions: `Allowed` or `Blocked` (only blocked
             *     files are notified when MDSS is configured so).
             */
            FileStatus?: components["schemas"]["KnownNotifiedFileStatus"] | string;
            /**
             * @description MetaDefender Core's overall result in words (`No Threat Detected`), as
             *     `scanAllResultA` gives it.
             */
            CoreScanResult?: string;
            /** @description The file's processing state in words (`Available`, `Failed`, `Canceled`, …). */
            FileState?: components["schemas"]["KnownNotifiedFileState"] | string;
            /** @description Each remediation and its outcome (`AllowedKept: Applied`). */
            RemediationResult?: string[];
            ScanCompletedTimeStamp?: components["schemas"]["Timestamp"];
            /** @description The name of the workflow that scanned the file. */
            WorkflowName?: string;
            /** @description The names of the rules that applied to the file. */
            Rules?: string[];
            /** @description Why processing failed; `""` when it did not. */
            ExceptionDetails?: string;
            /** @description What went wrong with remediations; empty when nothing did. */
            RemediationErrors?: string[];
            /** @constant */
            WebhookNotificationType: "FileScanned";
        };
        /**
         * @description The `Status` values of a Scan Completed notification OPSWAT names (spelt `Cancelled`,
         *     two `l`s, unlike a file's `FileState`).
         * @enum {string}
         */
        KnownScanCompletionStatus: "Completed" | "Cancelled" | "Failed";
        /**
         * @description MDSS's Scan Completed webhook payload (4.2+; domain notes §8.10), sent when an instant or
         *     scheduled scan has finished. Required as for `FileScannedNotification`: the scan's id and
         *     the type; OPSWAT's example carries every field.
         */
        ScanCompletedNotification: {
            /** @description The scan's id, documented as a UUID. */
            ScanId: string;
            /** @description The scan's name, as configured. */
            ScanName?: string;
            StartTime?: components["schemas"]["Timestamp"];
            StopTime?: components["schemas"]["Timestamp"];
            /** @description How the scan ended (`Completed`, `Cancelled`, `Failed`). */
            Status?: components["schemas"]["KnownScanCompletionStatus"] | string;
            /** @constant */
            WebhookNotificationType: "ScanCompleted";
        };
    };
    responses: {
        /**
         * @description The `id` list is unusable: no `id`, more than 100, one listed twice (problem
         *     `invalid-id-list`), or an id that is not one safe path segment (problem `invalid-id`,
         *     naming it). Answered by the proxy, no upstream call.
         */
        InvalidIdList: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description No or malformed `Authorization` (problem `unauthorized`), answered by the proxy with no
         *     upstream call. The upstream's refusal of the token is each file's problem instead.
         */
        MissingToken: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The body is not a JSON object with a string `WebhookNotificationType`, or a File Scanned
         *     notification has no `FileId` that is a valid file id (problem `invalid-notification`).
         */
        InvalidNotification: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The request does not carry `MDSS_NOTIFY_SECRET` as its bearer token (problem
         *     `unauthorized`, with `WWW-Authenticate: Bearer`). Nothing of it is read further.
         */
        NotifyUnauthorized: {
            headers: {
                /** @description `Bearer realm="mdss-proxy notifications"`. */
                "WWW-Authenticate"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `MDSS_NOTIFY_SECRET` is not set: the proxy receives no notifications (problem
         *     `not-found`, as any unknown path). Answered before the secret is looked at.
         */
        NotificationsOff: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description This path receives POST and PUT only (problem `method-not-allowed`, with
         *     `Allow: POST, PUT`), when notifications are on; off, every method is answered 404.
         */
        HookMethodNotAllowed: {
            headers: {
                /** @description The methods this path serves. */
                Allow?: "POST, PUT";
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The body is over 16 KiB (problem `too-large`); OPSWAT's example is under 0.5 KiB, and a
         *     long path with many rules stays far below. Read no further than the bound.
         */
        NotificationTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description A well-formed notification whose `WebhookNotificationType` the proxy does not know
         *     (problem `unknown-notification`, naming the type). 422, not 400: the body is sound, its
         *     meaning unknown; MDSS logs the refusal on its Audit page, where an operator sees that the
         *     proxy predates a new kind of notification.
         */
        UnknownNotification: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description What the proxy did not expect (problem `internal`): the error is logged with the request
         *     id, never with a token, and the request may be retried.
         */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The caller's `If-None-Match` still matches; no body. */
        NotModified: {
            headers: {
                "Preference-Applied": components["headers"]["PreferenceApplied"];
                ETag: components["headers"]["ETag"];
                "Cache-Control": components["headers"]["CacheControl"];
                "Cache-Status": components["headers"]["CacheStatus"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /**
         * @description The id is not one safe path segment (answered by the proxy, no upstream call), or the
         *     upstream's 400 passed through.
         */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /**
         * @description No or malformed `Authorization` (answered by the proxy, no upstream call), or the
         *     upstream's 401 passed through; an upstream 401 without a JSON body (MDSS may send it
         *     empty) becomes the problem `upstream-rejected`, status 401.
         */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /**
         * @description `OPS_PORT` is set and this is the public port: the operations endpoints are served on
         *     that port only (the problem `not-found`).
         */
        OpsElsewhere: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `OPS_TOKEN` is set and the request does not carry it as its bearer token (the problem
         *     `unauthorized`, with `WWW-Authenticate: Bearer`).
         */
        OpsUnauthorized: {
            headers: {
                /** @description `Bearer realm="mdss-proxy operations"`. */
                "WWW-Authenticate"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The upstream's 403, passed through (or, without a JSON body, the problem
         *     `upstream-rejected`, status 403). Retrying does not cure it.
         */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The upstream knows no file with this id (its 404, passed through). */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The upstream's 429, passed through with its `Retry-After` (a body that is not JSON
         *     becomes the problem `upstream-rate-limited`, which keeps the status and `Retry-After`);
         *     or this proxy's own budget of new ids for this credential is spent (problem
         *     `rate-limited`, answered without an upstream call), with `Retry-After` and the
         *     `RateLimit` and `RateLimit-Policy` fields of the IETF httpapi rate-limit headers draft.
         *     The budget is spent only by an upstream call for an id this credential has no result
         *     for: one MDSS never answered with a result for it, or answered with a refusal or a
         *     failure since, or not lately. Cache hits, joining a request already under way and
         *     re-asking a file already answered never count against it.
         */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                /**
                 * @description Draft `RateLimit` field: `"new-ids";r=<calls left>;t=<seconds until one more>`.
                 * @example "new-ids";r=0;t=1
                 */
                RateLimit?: string;
                /**
                 * @description Draft `RateLimit-Policy` field: `"new-ids";q=<calls>;w=<seconds>`, the budget of
                 *     upstream calls for new ids per credential: `q` at once, refilled in `w` seconds.
                 * @example "new-ids";q=2000;w=20
                 */
                "RateLimit-Policy"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The upstream failed: it answered 5xx other than 503, or a status the proxy does not pass
         *     on such as 405 (problem `upstream-error`, named in `upstreamStatus`; an HTML page from
         *     MDSS's NGINX, a 502 or a 504 of its own, is dropped, never passed on), could not be
         *     reached, or answered a body that is not a JSON object with the `id` asked for (compared
         *     without regard to case), or one over the size limit. Nothing of it is cached.
         */
        BadGateway: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description Either the proxy already has as many upstream requests under way as it allows
         *     (`UPSTREAM_MAX_INFLIGHT`, or `UPSTREAM_INFLIGHT_PER_CREDENTIAL` for this credential),
         *     and this one waited its turn in vain (problem `upstream-busy`, no upstream call): it
         *     protects MDSS from a flood; or MDSS itself answered 503, server busy
         *     (problem `upstream-unavailable`, `upstreamStatus` 503, with the upstream's `Retry-After`
         *     when it sent one: a busy MDSS is not a broken gateway). Either way, retry after
         *     `Retry-After` (or back off when there is none).
         */
        ServiceUnavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The stream did not begin: no or malformed `Authorization`, or the file's first answer was
         *     the upstream's 401, 403 or 404 (problems `unauthorized`, `not-found`, with the upstream's
         *     status in `upstreamStatus`). Reconnecting does not cure it.
         */
        StreamRefused: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The stream did not begin, but may later, after `Retry-After`: this token already has as
         *     many streams open as the proxy allows (`STREAMS_PER_CREDENTIAL`, 429 `too-many-streams`),
         *     the proxy has as many as it allows in all (`STREAMS_MAX`, 503 `streams-full`), the
         *     token's budget of new ids is spent (429 `rate-limited`), the upstream rate-limits
         *     it (429 `upstream-rate-limited` or its own), is busy (503 `upstream-unavailable`) or the
         *     proxy's upstream slots are full (503 `upstream-busy`). A browser's `EventSource` does not
         *     retry after it; `@mdss-kit/client` waits `Retry-After` and opens the stream again.
         */
        StreamRefusedForNow: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description This path serves GET and HEAD only: any other method (POST, PUT, DELETE, …) is answered
         *     405, problem `method-not-allowed`, with `Allow: GET, HEAD`, as the file endpoints answer
         *     it. Listed with every operation of the path because OpenAPI has no place for the
         *     methods a path does not serve.
         */
        OperationsMethodNotAllowed: {
            headers: {
                /** @description The methods this path serves. */
                Allow?: "GET, HEAD";
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The upstream did not answer in time; the upstream request was aborted. */
        GatewayTimeout: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /**
         * @description The files, one `id=` each (`?id=a&id=b`), 1 to 100, each once, each a valid file id
         *     (the rule of `GET /api/file/{id}`).
         * @example [
         *       "5e91c094efe27b0006489533",
         *       "0198f02f-ed4d-7c0d-8668-1036d322209c"
         *     ]
         */
        FileIds: components["schemas"]["FileId"][];
        /**
         * @description The id MDSS returned when the file was scheduled. Today a 24-hex-digit ObjectId
         *     (`5e91c094efe27b0006489533`); newer releases use UUIDs
         *     (`0198f02f-ed4d-7c0d-8668-1036d322209c`). No single format is assumed, but an id is always
         *     exactly one URL path segment: never empty, `.` or `..`, and free of `/`, `\`, `?`, `#`,
         *     `%`, control characters, unpaired surrogates and U+FFFD (the replacement character: what a
         *     server makes of bytes that were not UTF-8, so never a real id). 128 characters bound it
         *     generously.
         */
        FileId: components["schemas"]["FileId"];
        /** @description An ETag this caller holds; when it still matches, the answer is 304 without a body. */
        IfNoneMatch: string;
        /**
         * @description `wait=<seconds>` (RFC 7240 §4.3), a long-poll for clients that cannot stream: the answer
         *     is held until the file's summary differs from what the caller holds (its
         *     `If-None-Match`; without one, what the proxy holds when the request arrives) or the
         *     seconds pass (at most 60), fed by the same poll as the event stream. A finished file
         *     answers at once. The answer says `Preference-Applied: wait=<seconds>` when it waited.
         *     A held request counts with the token's event streams against the proxy's limits; past
         *     them it is answered at once, without `Preference-Applied`.
         * @example wait=30
         */
        PreferWait: string;
        /**
         * @description A request id to carry through: 1–128 characters of `A-Z a-z 0-9 . _ : -`. Anything else
         *     is replaced by a fresh id. Echoed in the response and forwarded upstream.
         */
        RequestId: string;
    };
    requestBodies: {
        /** @description A notification as MDSS sends it (`mdss.yaml`'s webhooks). */
        Notification: {
            content: {
                "application/json": components["schemas"]["Notification"];
            };
        };
    };
    headers: {
        /**
         * @description `private, max-age=<seconds the result stays fresh here>`: a shared cache must not store
         *     a response to an authenticated request (RFC 9111 §3.5).
         * @example private, max-age=300
         */
        CacheControl: string;
        /**
         * @description RFC 9211 cache status of this proxy (`mdss-proxy`): `hit`, `fwd=uri-miss`,
         *     `fwd=stale`, `collapsed` (joined a request already under way), `stored`, `ttl`.
         * @example mdss-proxy; hit; ttl=287
         */
        CacheStatus: string;
        /**
         * @description A strong validator of this response's body.
         * @example "9c1185a5c5e9fc54612808977ee8f548b2258d31"
         */
        ETag: string;
        /**
         * @description `wait=<seconds>` when the answer was held for a `Prefer: wait` (RFC 7240).
         * @example wait=30
         */
        PreferenceApplied: string;
        /**
         * @description Seconds (or an HTTP date) after which to try again.
         * @example 1
         */
        RetryAfter: string;
        /** @description The request id (the caller's, when sane, else a fresh one). */
        RequestId: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getFile: {
        parameters: {
            query?: never;
            header?: {
                /** @description An ETag this caller holds; when it still matches, the answer is 304 without a body. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
                /**
                 * @description `wait=<seconds>` (RFC 7240 §4.3), a long-poll for clients that cannot stream: the answer
                 *     is held until the file's summary differs from what the caller holds (its
                 *     `If-None-Match`; without one, what the proxy holds when the request arrives) or the
                 *     seconds pass (at most 60), fed by the same poll as the event stream. A finished file
                 *     answers at once. The answer says `Preference-Applied: wait=<seconds>` when it waited.
                 *     A held request counts with the token's event streams against the proxy's limits; past
                 *     them it is answered at once, without `Preference-Applied`.
                 * @example wait=30
                 */
                Prefer?: components["parameters"]["PreferWait"];
                /**
                 * @description A request id to carry through: 1–128 characters of `A-Z a-z 0-9 . _ : -`. Anything else
                 *     is replaced by a fresh id. Echoed in the response and forwarded upstream.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The id MDSS returned when the file was scheduled. Today a 24-hex-digit ObjectId
                 *     (`5e91c094efe27b0006489533`); newer releases use UUIDs
                 *     (`0198f02f-ed4d-7c0d-8668-1036d322209c`). No single format is assumed, but an id is always
                 *     exactly one URL path segment: never empty, `.` or `..`, and free of `/`, `\`, `?`, `#`,
                 *     `%`, control characters, unpaired surrogates and U+FFFD (the replacement character: what a
                 *     server makes of bytes that were not UTF-8, so never a real id). 128 characters bound it
                 *     generously.
                 */
                id: components["parameters"]["FileId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The upstream's body, unchanged. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Cache-Status": components["headers"]["CacheStatus"];
                    ETag: components["headers"]["ETag"];
                    "Preference-Applied": components["headers"]["PreferenceApplied"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FileResult"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    getFileSummary: {
        parameters: {
            query?: never;
            header?: {
                /** @description An ETag this caller holds; when it still matches, the answer is 304 without a body. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
                /**
                 * @description `wait=<seconds>` (RFC 7240 §4.3), a long-poll for clients that cannot stream: the answer
                 *     is held until the file's summary differs from what the caller holds (its
                 *     `If-None-Match`; without one, what the proxy holds when the request arrives) or the
                 *     seconds pass (at most 60), fed by the same poll as the event stream. A finished file
                 *     answers at once. The answer says `Preference-Applied: wait=<seconds>` when it waited.
                 *     A held request counts with the token's event streams against the proxy's limits; past
                 *     them it is answered at once, without `Preference-Applied`.
                 * @example wait=30
                 */
                Prefer?: components["parameters"]["PreferWait"];
                /**
                 * @description A request id to carry through: 1–128 characters of `A-Z a-z 0-9 . _ : -`. Anything else
                 *     is replaced by a fresh id. Echoed in the response and forwarded upstream.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The id MDSS returned when the file was scheduled. Today a 24-hex-digit ObjectId
                 *     (`5e91c094efe27b0006489533`); newer releases use UUIDs
                 *     (`0198f02f-ed4d-7c0d-8668-1036d322209c`). No single format is assumed, but an id is always
                 *     exactly one URL path segment: never empty, `.` or `..`, and free of `/`, `\`, `?`, `#`,
                 *     `%`, control characters, unpaired surrogates and U+FFFD (the replacement character: what a
                 *     server makes of bytes that were not UTF-8, so never a real id). 128 characters bound it
                 *     generously.
                 */
                id: components["parameters"]["FileId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The summary. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Cache-Status": components["headers"]["CacheStatus"];
                    ETag: components["headers"]["ETag"];
                    "Preference-Applied": components["headers"]["PreferenceApplied"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FileSummary"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    getFileEvents: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A request id to carry through: 1–128 characters of `A-Z a-z 0-9 . _ : -`. Anything else
                 *     is replaced by a fresh id. Echoed in the response and forwarded upstream.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
                /** @description The id of the last event this client received, when it reconnects. */
                "Last-Event-ID"?: string;
            };
            path: {
                /**
                 * @description The id MDSS returned when the file was scheduled. Today a 24-hex-digit ObjectId
                 *     (`5e91c094efe27b0006489533`); newer releases use UUIDs
                 *     (`0198f02f-ed4d-7c0d-8668-1036d322209c`). No single format is assumed, but an id is always
                 *     exactly one URL path segment: never empty, `.` or `..`, and free of `/`, `\`, `?`, `#`,
                 *     `%`, control characters, unpaired surrogates and U+FFFD (the replacement character: what a
                 *     server makes of bytes that were not UTF-8, so never a real id). 128 characters bound it
                 *     generously.
                 */
                id: components["parameters"]["FileId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stream of `FileEvent`s. */
            200: {
                headers: {
                    /** @description `no-store`: a stream is never cached. */
                    "Cache-Control"?: string;
                    /** @description `no`: NGINX passes each event on at once instead of buffering it. */
                    "X-Accel-Buffering"?: string;
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": unknown;
                };
            };
            /**
             * @description The stream is over for this client: its `Last-Event-ID` names the final summary or a
             *     final problem.
             */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["StreamRefused"];
            403: components["responses"]["StreamRefused"];
            404: components["responses"]["StreamRefused"];
            429: components["responses"]["StreamRefusedForNow"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["StreamRefusedForNow"];
        };
    };
    getFilesSummary: {
        parameters: {
            query: {
                /**
                 * @description The files, one `id=` each (`?id=a&id=b`), 1 to 100, each once, each a valid file id
                 *     (the rule of `GET /api/file/{id}`).
                 * @example [
                 *       "5e91c094efe27b0006489533",
                 *       "0198f02f-ed4d-7c0d-8668-1036d322209c"
                 *     ]
                 */
                id: components["parameters"]["FileIds"];
            };
            header?: {
                /** @description An ETag this caller holds; when it still matches, the answer is 304 without a body. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
                /**
                 * @description `wait=<seconds>` (RFC 7240 §4.3), a long-poll for clients that cannot stream: the answer
                 *     is held until the file's summary differs from what the caller holds (its
                 *     `If-None-Match`; without one, what the proxy holds when the request arrives) or the
                 *     seconds pass (at most 60), fed by the same poll as the event stream. A finished file
                 *     answers at once. The answer says `Preference-Applied: wait=<seconds>` when it waited.
                 *     A held request counts with the token's event streams against the proxy's limits; past
                 *     them it is answered at once, without `Preference-Applied`.
                 * @example wait=30
                 */
                Prefer?: components["parameters"]["PreferWait"];
                /**
                 * @description A request id to carry through: 1–128 characters of `A-Z a-z 0-9 . _ : -`. Anything else
                 *     is replaced by a fresh id. Echoed in the response and forwarded upstream.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One entry per listed file, in the order of the ids. */
            200: {
                headers: {
                    /** @description `private, no-cache`: entries may be in progress; revalidate with the `ETag`. */
                    "Cache-Control"?: string;
                    ETag: components["headers"]["ETag"];
                    "Preference-Applied": components["headers"]["PreferenceApplied"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FilesSummary"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["InvalidIdList"];
            401: components["responses"]["MissingToken"];
            500: components["responses"]["InternalError"];
        };
    };
    getFilesEvents: {
        parameters: {
            query: {
                /**
                 * @description The files, one `id=` each (`?id=a&id=b`), 1 to 100, each once, each a valid file id
                 *     (the rule of `GET /api/file/{id}`).
                 * @example [
                 *       "5e91c094efe27b0006489533",
                 *       "0198f02f-ed4d-7c0d-8668-1036d322209c"
                 *     ]
                 */
                id: components["parameters"]["FileIds"];
            };
            header?: {
                /**
                 * @description A request id to carry through: 1–128 characters of `A-Z a-z 0-9 . _ : -`. Anything else
                 *     is replaced by a fresh id. Echoed in the response and forwarded upstream.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
                /** @description The id of the last event this client received (a `FilesEventId`), when it reconnects. */
                "Last-Event-ID"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stream of `FilesEvent`s. */
            200: {
                headers: {
                    /** @description `no-store`: a stream is never cached. */
                    "Cache-Control"?: string;
                    /** @description `no`: NGINX passes each event on at once instead of buffering it. */
                    "X-Accel-Buffering"?: string;
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": unknown;
                };
            };
            /**
             * @description The stream is over for this client: its `Last-Event-ID` names the end (`done` or a
             *     `problem`) of every listed file.
             */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidIdList"];
            401: components["responses"]["MissingToken"];
            429: components["responses"]["StreamRefusedForNow"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["StreamRefusedForNow"];
        };
    };
    putMdssNotification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["Notification"];
        responses: {
            /** @description Received; the polls it asks for happen after the answer. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidNotification"];
            401: components["responses"]["NotifyUnauthorized"];
            404: components["responses"]["NotificationsOff"];
            405: components["responses"]["HookMethodNotAllowed"];
            413: components["responses"]["NotificationTooLarge"];
            422: components["responses"]["UnknownNotification"];
            500: components["responses"]["InternalError"];
        };
    };
    postMdssNotification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["Notification"];
        responses: {
            /** @description Received; the polls it asks for happen after the answer. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidNotification"];
            401: components["responses"]["NotifyUnauthorized"];
            404: components["responses"]["NotificationsOff"];
            405: components["responses"]["HookMethodNotAllowed"];
            413: components["responses"]["NotificationTooLarge"];
            422: components["responses"]["UnknownNotification"];
            500: components["responses"]["InternalError"];
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The proxy is up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            405: components["responses"]["OperationsMethodNotAllowed"];
            500: components["responses"]["InternalError"];
        };
    };
    headHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The proxy is up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            405: components["responses"]["OperationsMethodNotAllowed"];
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The proxy is ready. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            401: components["responses"]["OpsUnauthorized"];
            404: components["responses"]["OpsElsewhere"];
            405: components["responses"]["OperationsMethodNotAllowed"];
            500: components["responses"]["InternalError"];
            /** @description The proxy is stopping. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
        };
    };
    headReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The proxy is ready. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["OpsUnauthorized"];
            404: components["responses"]["OpsElsewhere"];
            405: components["responses"]["OperationsMethodNotAllowed"];
            /** @description The proxy is stopping. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The exposition. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            401: components["responses"]["OpsUnauthorized"];
            404: components["responses"]["OpsElsewhere"];
            405: components["responses"]["OperationsMethodNotAllowed"];
            500: components["responses"]["InternalError"];
        };
    };
    headMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The exposition's headers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["OpsUnauthorized"];
            404: components["responses"]["OpsElsewhere"];
            405: components["responses"]["OperationsMethodNotAllowed"];
        };
    };
}
