-- Undo and live updates. Deleted tasks wait in TodoTrash for a few minutes, whole, so that
-- Undo can put them back; every write records what it did in TaskEvent, numbered per account
-- by TaskFeed, in its own transaction.
CREATE TABLE `TodoTrash` (
	`task_id` int NOT NULL,
	`owner_id` varchar(36) NOT NULL,
	`task` varchar(255) NOT NULL,
	`status` varchar(16) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	`deleted_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`batch` varchar(32) NOT NULL,
	CONSTRAINT `TodoTrash_task_id` PRIMARY KEY(`task_id`),
	INDEX `TodoTrash_owner_batch_idx` (`owner_id`,`batch`),
	INDEX `TodoTrash_deleted_at_idx` (`deleted_at`),
	CONSTRAINT `TodoTrash_owner_id_AuthUser_id_fk` FOREIGN KEY (`owner_id`) REFERENCES `AuthUser`(`id`) ON DELETE cascade ON UPDATE no action
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement-breakpoint
CREATE TABLE `TaskFeed` (
	`owner_id` varchar(36) NOT NULL,
	`last_seq` bigint NOT NULL,
	CONSTRAINT `TaskFeed_owner_id` PRIMARY KEY(`owner_id`),
	CONSTRAINT `TaskFeed_owner_id_AuthUser_id_fk` FOREIGN KEY (`owner_id`) REFERENCES `AuthUser`(`id`) ON DELETE cascade ON UPDATE no action
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement-breakpoint
CREATE TABLE `TaskEvent` (
	`event_id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`owner_id` varchar(36) NOT NULL,
	`seq` bigint NOT NULL,
	`kind` varchar(24) NOT NULL,
	`payload` text NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `TaskEvent_event_id` PRIMARY KEY(`event_id`),
	CONSTRAINT `TaskEvent_owner_seq_idx` UNIQUE(`owner_id`,`seq`),
	INDEX `TaskEvent_created_at_idx` (`created_at`),
	CONSTRAINT `TaskEvent_owner_id_AuthUser_id_fk` FOREIGN KEY (`owner_id`) REFERENCES `AuthUser`(`id`) ON DELETE cascade ON UPDATE no action
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
