-- From the tutorial's table to this app's: rows are kept. A status the app does not know
-- (the tutorial allowed NULL and any text) becomes 'ongoing' before the column narrows.
UPDATE `Todo` SET `status` = 'ongoing' WHERE `status` IS NULL OR `status` NOT IN ('ongoing', 'completed');
--> statement-breakpoint
-- utf8mb4 so that emoji and every other Unicode character survive byte for byte.
ALTER TABLE `Todo` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
--> statement-breakpoint
ALTER TABLE `Todo`
	MODIFY COLUMN `status` varchar(16) NOT NULL DEFAULT 'ongoing',
	ADD `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	ADD `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	ADD CONSTRAINT `Todo_status_check` CHECK (`status` IN ('ongoing', 'completed'));
--> statement-breakpoint
CREATE INDEX `Todo_status_task_id_idx` ON `Todo` (`status`,`task_id`);
--> statement-breakpoint
CREATE TABLE `TodoCounter` (
	`slot` tinyint unsigned NOT NULL,
	`ongoing` bigint NOT NULL DEFAULT 0,
	`completed` bigint NOT NULL DEFAULT 0,
	CONSTRAINT `TodoCounter_slot` PRIMARY KEY(`slot`)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
--> statement-breakpoint
-- The counters start from the rows already there (one scan, here, never per request);
-- slot 0 holds them and slots 1..15 start at zero (COUNTER_SLOTS in api/src/db/schema.ts).
INSERT INTO `TodoCounter` (`slot`, `ongoing`, `completed`)
	SELECT 0, COUNT(CASE WHEN `status` = 'ongoing' THEN 1 END), COUNT(CASE WHEN `status` = 'completed' THEN 1 END) FROM `Todo`;
--> statement-breakpoint
INSERT INTO `TodoCounter` (`slot`) VALUES (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15);
