-- Accounts. Better Auth's tables (the web app signs people in with them), and every task,
-- counter slot and idempotency key owned by one account: deleting the account deletes them.
CREATE TABLE `AuthUser` (
	`id` varchar(36) NOT NULL,
	`name` varchar(255) NOT NULL,
	`email` varchar(255) NOT NULL,
	`email_verified` boolean NOT NULL DEFAULT false,
	`image` text,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `AuthUser_id` PRIMARY KEY(`id`),
	CONSTRAINT `AuthUser_email_unique` UNIQUE(`email`)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement-breakpoint
CREATE TABLE `AuthSession` (
	`id` varchar(36) NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`token` varchar(255) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	`ip_address` text,
	`user_agent` text,
	`user_id` varchar(36) NOT NULL,
	CONSTRAINT `AuthSession_id` PRIMARY KEY(`id`),
	CONSTRAINT `AuthSession_token_unique` UNIQUE(`token`),
	INDEX `AuthSession_user_id_idx` (`user_id`),
	CONSTRAINT `AuthSession_user_id_AuthUser_id_fk` FOREIGN KEY (`user_id`) REFERENCES `AuthUser`(`id`) ON DELETE cascade ON UPDATE no action
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement-breakpoint
CREATE TABLE `AuthAccount` (
	`id` varchar(36) NOT NULL,
	`account_id` varchar(255) NOT NULL,
	`provider_id` varchar(255) NOT NULL,
	`user_id` varchar(36) NOT NULL,
	`access_token` text,
	`refresh_token` text,
	`id_token` text,
	`access_token_expires_at` datetime(3),
	`refresh_token_expires_at` datetime(3),
	`scope` text,
	`password` text,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `AuthAccount_id` PRIMARY KEY(`id`),
	INDEX `AuthAccount_user_id_idx` (`user_id`),
	CONSTRAINT `AuthAccount_user_id_AuthUser_id_fk` FOREIGN KEY (`user_id`) REFERENCES `AuthUser`(`id`) ON DELETE cascade ON UPDATE no action
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement-breakpoint
CREATE TABLE `AuthVerification` (
	`id` varchar(36) NOT NULL,
	`identifier` varchar(255) NOT NULL,
	`value` text NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `AuthVerification_id` PRIMARY KEY(`id`),
	INDEX `AuthVerification_identifier_idx` (`identifier`)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement-breakpoint
CREATE TABLE `AuthRateLimit` (
	`id` varchar(36) NOT NULL,
	`key` varchar(255) NOT NULL,
	`count` int NOT NULL,
	`last_request` bigint NOT NULL,
	CONSTRAINT `AuthRateLimit_id` PRIMARY KEY(`id`),
	CONSTRAINT `AuthRateLimit_key_unique` UNIQUE(`key`)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement-breakpoint
-- Tasks from before accounts (the tutorial's, or this app's previous release) keep no owner
-- until the first account adopts them (POST /v1/account): no row is lost on the way.
ALTER TABLE `Todo` ADD `owner_id` varchar(36);
--> statement-breakpoint
CREATE INDEX `Todo_owner_task_id_idx` ON `Todo` (`owner_id`,`task_id`);
--> statement-breakpoint
CREATE INDEX `Todo_owner_status_task_id_idx` ON `Todo` (`owner_id`,`status`,`task_id`);
--> statement-breakpoint
-- Every page is one account's now; the index for all accounts' tasks by status has no use.
DROP INDEX `Todo_status_task_id_idx` ON `Todo`;
--> statement-breakpoint
ALTER TABLE `Todo` ADD CONSTRAINT `Todo_owner_id_AuthUser_id_fk` FOREIGN KEY (`owner_id`) REFERENCES `AuthUser`(`id`) ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- Counts become per account. The old slots counted tasks that now have no owner; adopting
-- them counts them again, once, in the adopting account's slots.
DROP TABLE `TodoCounter`;
--> statement-breakpoint
CREATE TABLE `TodoCounter` (
	`owner_id` varchar(36) NOT NULL,
	`slot` tinyint unsigned NOT NULL,
	`ongoing` bigint NOT NULL DEFAULT 0,
	`completed` bigint NOT NULL DEFAULT 0,
	CONSTRAINT `TodoCounter_owner_slot` PRIMARY KEY(`owner_id`,`slot`),
	CONSTRAINT `TodoCounter_owner_id_AuthUser_id_fk` FOREIGN KEY (`owner_id`) REFERENCES `AuthUser`(`id`) ON DELETE cascade ON UPDATE no action
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement-breakpoint
-- Idempotency keys become per account. Keys stored before had none; they answered for an app
-- without accounts and are dropped (they would have expired within a day anyway).
DROP TABLE `IdempotencyKey`;
--> statement-breakpoint
CREATE TABLE `IdempotencyKey` (
	`owner_id` varchar(36) NOT NULL,
	`key_hash` binary(32) NOT NULL,
	`fingerprint` binary(32) NOT NULL,
	`status_code` smallint unsigned NOT NULL DEFAULT 0,
	`response_body` text,
	`location` varchar(255),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`expires_at` datetime(3) NOT NULL,
	CONSTRAINT `IdempotencyKey_owner_key` PRIMARY KEY(`owner_id`,`key_hash`),
	INDEX `IdempotencyKey_expires_at_idx` (`expires_at`),
	CONSTRAINT `IdempotencyKey_owner_id_AuthUser_id_fk` FOREIGN KEY (`owner_id`) REFERENCES `AuthUser`(`id`) ON DELETE cascade ON UPDATE no action
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
