import {
  bigint,
  boolean,
  datetime,
  index,
  int,
  mysqlTable,
  text,
  varchar,
} from 'drizzle-orm/mysql-core';

/**
 * The tables of Better Auth, which the web app uses for accounts and sessions: its core schema
 * (user, session, account, verification) and its database rate limiter. They are defined here,
 * beside the tasks, so that one drizzle journal migrates everything; the web app hands them to
 * Better Auth's Drizzle adapter (`@todo/api/auth-schema`). Better Auth names the TypeScript
 * fields; the SQL names follow this schema's style.
 */

// Better Auth's ids are random strings of 32 characters.
const id = (name: string) => varchar(name, { length: 36 });
const time = (name: string) => datetime(name, { mode: 'date', fsp: 3 });

export const authUsers = mysqlTable('AuthUser', {
  id: id('id').primaryKey(),
  name: varchar('name', { length: 255 }).notNull(),
  email: varchar('email', { length: 255 }).notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  createdAt: time('created_at').notNull(),
  updatedAt: time('updated_at').notNull(),
});

export const authSessions = mysqlTable(
  'AuthSession',
  {
    id: id('id').primaryKey(),
    expiresAt: time('expires_at').notNull(),
    token: varchar('token', { length: 255 }).notNull().unique(),
    createdAt: time('created_at').notNull(),
    updatedAt: time('updated_at').notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: id('user_id')
      .notNull()
      .references(() => authUsers.id, { onDelete: 'cascade' }),
  },
  (table) => [index('AuthSession_user_id_idx').on(table.userId)],
);

export const authAccounts = mysqlTable(
  'AuthAccount',
  {
    id: id('id').primaryKey(),
    accountId: varchar('account_id', { length: 255 }).notNull(),
    providerId: varchar('provider_id', { length: 255 }).notNull(),
    userId: id('user_id')
      .notNull()
      .references(() => authUsers.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: time('access_token_expires_at'),
    refreshTokenExpiresAt: time('refresh_token_expires_at'),
    scope: text('scope'),
    // The password hash (scrypt, by Better Auth) for email-and-password accounts.
    password: text('password'),
    createdAt: time('created_at').notNull(),
    updatedAt: time('updated_at').notNull(),
  },
  (table) => [index('AuthAccount_user_id_idx').on(table.userId)],
);

export const authVerifications = mysqlTable(
  'AuthVerification',
  {
    id: id('id').primaryKey(),
    identifier: varchar('identifier', { length: 255 }).notNull(),
    value: text('value').notNull(),
    expiresAt: time('expires_at').notNull(),
    createdAt: time('created_at').notNull(),
    updatedAt: time('updated_at').notNull(),
  },
  (table) => [index('AuthVerification_identifier_idx').on(table.identifier)],
);

/** Better Auth's rate limiter keeps its counts here, so the limits hold across web replicas. */
export const authRateLimits = mysqlTable('AuthRateLimit', {
  id: id('id').primaryKey(),
  key: varchar('key', { length: 255 }).notNull().unique(),
  count: int('count').notNull(),
  lastRequest: bigint('last_request', { mode: 'number' }).notNull(),
});

/** What Better Auth's Drizzle adapter is given: its model names mapped to these tables. */
export const authSchema = {
  user: authUsers,
  session: authSessions,
  account: authAccounts,
  verification: authVerifications,
  rateLimit: authRateLimits,
};
