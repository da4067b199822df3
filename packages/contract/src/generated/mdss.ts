// Generated from openapi/mdss.yaml by `pnpm generate`. Do not edit by hand.
export interface paths {
    "/api/file/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Fetch processing results for a file
         * @description File processing is done asynchronously and each analysis request is tracked by a file id.
         *     Scheduling a file and retrieving its results are two separate calls: this request is made
         *     repeatedly until the analysis is complete, which `processingState` and `progress` tell.
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
}
export interface webhooks {
    fileScanned: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * File Scanned notification (PUT)
         * @description The File Scanned notification, when MDSS is configured to send a PUT.
         */
        put: operations["fileScannedPut"];
        /**
         * File Scanned notification (POST)
         * @description The File Scanned notification, when MDSS is configured to send a POST.
         */
        post: operations["fileScannedPost"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    scanCompleted: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Scan Completed notification (PUT)
         * @description The Scan Completed notification, when MDSS is configured to send a PUT.
         */
        put: operations["scanCompletedPut"];
        /**
         * Scan Completed notification (POST)
         * @description The Scan Completed notification, when MDSS is configured to send a POST.
         */
        post: operations["scanCompletedPost"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
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
         * Format: date-time
         * @description RFC 3339 date-time. MDSS writes any number of fractional digits (`.88Z`, `.885Z`,
         *     `.3560169Z`): parse it, never match a fixed layout.
         */
        Timestamp: string;
        /** @description A percentage; 100 means that stage is complete. */
        Percent: number;
        /** @description A duration in milliseconds. */
        Milliseconds: number;
        /**
         * @description A duration in milliseconds, whole or not: MetaDefender Cloud engine results (which MDSS
         *     meets through Cloud scan pools) write `10002.0` (domain notes §8.5).
         */
        DecimalMilliseconds: number;
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
        /**
         * @description The final result of processing the file: `Allowed`, `Blocked` or `Processing`. Kept an
         *     open string: newer releases add outcomes (such as `Failed Remediations` or `Canceled`).
         * @example Allowed
         * @example Blocked
         * @example Processing
         */
        ProcessResultDecision: string;
        /** @description An HTML error page, as NGINX writes it (`<html><head><title>502 Bad Gateway</title>…`). */
        HtmlPage: string;
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
        /** @description The owner of the file in its storage. */
        FileOwner: {
            /** @description The owner's user id (a GUID in the reference's example). */
            userId?: string;
        };
        /** @description Progress information about upload and scanning. */
        Progress: {
            /** @description Upload progress, percent. */
            upload?: components["schemas"]["Percent"];
            /** @description Scan progress, percent. */
            scan?: components["schemas"]["Percent"];
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
        /** @description One entry of `scanDetails`: an engine's result, or (§8.8) something that is not an engine. */
        ScanDetailsEntry: components["schemas"]["ScanDetail"] | components["schemas"]["NotAnEngine"];
        /**
         * @description A `scanDetails` entry that is not an object, such as the bare percentage Core keeps under
         *     `progress_percentage` in its map (domain notes §8.8). Never an engine.
         */
        NotAnEngine: number | string | boolean | null | unknown[];
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
        /** @description What Deep CDR did to the file's objects (MetaDefender Core's `sanitization_details`). */
        SanitizationDetails: {
            description?: string;
            /**
             * @description Sometimes a plain string, not a list, and list items may lack `count` or
             *     `objectName`; OPSWAT's own Menlo integration handles both (domain notes §8.6).
             */
            details?: string | components["schemas"]["SanitizationDetail"][];
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
        /** @description Process information of a blocked file. Its shape is not documented. */
        BlockedProcessInfo: Record<string, unknown>;
        /**
         * @description Information on matched sensitive data (Proactive DLP). MetaDefender Core's OpenAPI schema
         *     nests these fields in a second `dlp_info` (`dlpInfo.dlpInfo.verdict`), while the
         *     reference's example and Core's documented results have them here: both are accepted,
         *     and `summarize` reads a field from the inner object when the outer lacks it.
         */
        DlpInfo: {
            dlpInfo?: components["schemas"]["DlpResult"];
        } & components["schemas"]["DlpResult"];
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
        /** @description The outcome of one DLP step. */
        DlpStepResult: {
            /**
             * @description `redacted`, `not redacted`, `failed to redact` (and the like for `added` watermarks
             *     and `removed` metadata).
             */
            result?: string;
        };
        /** @description The matches of one DLP rule. */
        DlpRuleHits: {
            /** @description Credit Card Number, Social Security Number, or the name given to a regular-expression rule. */
            display_name?: string;
            hits?: components["schemas"]["DlpHit"][];
        };
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
         * @description Archive children, as MetaDefender Core lists them. Possibly one page of them: never
         *     assume it lists every child.
         */
        ExtractedFiles: {
            filesExtractedCount?: number;
            firstIndex?: number;
            pageSize?: number;
            filesInArchive?: components["schemas"]["ExtractedFile"][];
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
         * @description The notification types OPSWAT documents (domain notes §8.10).
         * @enum {string}
         */
        KnownWebhookNotificationType: "FileScanned" | "ScanCompleted";
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
         * @description The `Status` values of a Scan Completed notification OPSWAT names (spelt `Cancelled`,
         *     two `l`s, unlike a file's `FileState`).
         * @enum {string}
         */
        KnownScanCompletionStatus: "Completed" | "Cancelled" | "Failed";
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
        /** @description Received (any 2xx). MDSS reads nothing of the answer. */
        NotificationReceived: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Refused (any 4xx). MDSS logs the failed delivery on its Audit page and never retries. */
        NotificationRefused: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Failed (any 5xx). MDSS logs the failed delivery on its Audit page and never retries. */
        NotificationFailed: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Invalid HTTP request. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /**
         * @description Unauthorized HTTP request (no token, or an expired or revoked one). MDSS's .NET back end
         *     may answer it with an empty body (domain notes §8.9): read the status, not the body.
         */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /**
         * @description The token is valid but may not read this file (seen beyond the reference's four
         *     statuses, §8.9). Not cured by retrying.
         */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /**
         * @description MetaDefender Core answers 405 with `{"err": …}` (§8.9); a GET of this path should never
         *     meet it, short of a misrouted request.
         */
        MethodNotAllowed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description Too many requests (§8.9). Retry after `Retry-After`. */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description No file with this id is known (yet). */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "5e91c094efe27b0006489533": "Not Found"
                 *     }
                 */
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description Server is temporarily unavailable. */
        ServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /**
         * @description MDSS's NGINX could not reach the back end. The body is NGINX's **HTML** page, not JSON
         *     (§8.9): read the status, never parse the body as JSON.
         */
        BadGateway: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "text/html": components["schemas"]["HtmlPage"];
            };
        };
        /**
         * @description Server busy: MetaDefender Core answers 503 "server busy" when its queue is full (§8.9).
         *     A busy server is not a broken one: retry after `Retry-After`.
         */
        ServiceUnavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
                "text/html": components["schemas"]["HtmlPage"];
            };
        };
        /** @description MDSS's NGINX gave up waiting for the back end; the body is NGINX's **HTML** page (§8.9). */
        GatewayTimeout: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "text/html": components["schemas"]["HtmlPage"];
            };
        };
    };
    parameters: {
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
    };
    requestBodies: {
        /**
         * @description MDSS 4.2+ sends one per scanned file (or per blocked file only, as configured) to the
         *     destination address configured under Settings > Notifications, as a POST or a PUT (also
         *     configured), with the static custom headers configured there (typically
         *     `Authorization: Bearer <token>`): those headers are its only protection, so a receiver
         *     checks them itself. Delivery is best effort: a failed delivery is logged on MDSS's Audit
         *     page and never retried, so a receiver answers at once and never depends on receiving
         *     every one (domain notes §8.10; OPSWAT, "File scanned notifications").
         */
        FileScanned: {
            content: {
                "application/json": components["schemas"]["FileScannedNotification"];
            };
        };
        /**
         * @description MDSS 4.2+ sends one when an instant or scheduled scan has finished, to its own configured
         *     destination, as a POST or a PUT, with the configured static headers; best effort, never
         *     retried (domain notes §8.10; OPSWAT, "Scan completed notifications"). It names the scan,
         *     not its files.
         */
        ScanCompleted: {
            content: {
                "application/json": components["schemas"]["ScanCompletedNotification"];
            };
        };
    };
    headers: {
        /**
         * @description Seconds (or an HTTP date) after which to try again (RFC 9110 §10.2.3).
         * @example 5
         */
        RetryAfter: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getFile: {
        parameters: {
            query?: never;
            header?: never;
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
            /** @description The file's processing record, complete or still in progress. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FileResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["MethodNotAllowed"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    fileScannedPut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["FileScanned"];
        responses: {
            "2XX": components["responses"]["NotificationReceived"];
            "4XX": components["responses"]["NotificationRefused"];
            "5XX": components["responses"]["NotificationFailed"];
        };
    };
    fileScannedPost: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["FileScanned"];
        responses: {
            "2XX": components["responses"]["NotificationReceived"];
            "4XX": components["responses"]["NotificationRefused"];
            "5XX": components["responses"]["NotificationFailed"];
        };
    };
    scanCompletedPut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["ScanCompleted"];
        responses: {
            "2XX": components["responses"]["NotificationReceived"];
            "4XX": components["responses"]["NotificationRefused"];
            "5XX": components["responses"]["NotificationFailed"];
        };
    };
    scanCompletedPost: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["ScanCompleted"];
        responses: {
            "2XX": components["responses"]["NotificationReceived"];
            "4XX": components["responses"]["NotificationRefused"];
            "5XX": components["responses"]["NotificationFailed"];
        };
    };
}
