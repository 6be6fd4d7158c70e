-- The original tutorial's table, exactly. IF NOT EXISTS lets a database that the
-- tutorial's app created (rows included) adopt this migration history in place.
CREATE TABLE IF NOT EXISTS `Todo` (
	`task_id` int AUTO_INCREMENT NOT NULL,
	`task` varchar(255) NOT NULL,
	`status` varchar(255),
	CONSTRAINT `Todo_task_id` PRIMARY KEY(`task_id`)
);
