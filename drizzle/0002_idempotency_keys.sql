-- Idempotency keys: each claimed in the transaction of the write it guards, holding that
-- write's answer; utf8mb4 because the stored answers carry task titles.
CREATE TABLE `IdempotencyKey` (
	`key_hash` binary(32) NOT NULL,
	`fingerprint` binary(32) NOT NULL,
	`status_code` smallint unsigned NOT NULL DEFAULT 0,
	`response_body` text,
	`location` varchar(255),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`expires_at` datetime(3) NOT NULL,
	CONSTRAINT `IdempotencyKey_key_hash` PRIMARY KEY(`key_hash`)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement-breakpoint
CREATE INDEX `IdempotencyKey_expires_at_idx` ON `IdempotencyKey` (`expires_at`);