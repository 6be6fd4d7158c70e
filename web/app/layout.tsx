import './globals.css';
import './accounts.css';
import './undo-and-paging.css';
import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';

export const metadata: Metadata = {
  title: 'Todo',
  description: 'A small to-do list.',
};

// The browser's bar follows the page's scheme (globals.css): the accent, or the dark background.
export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#2f5f8a' },
    { media: '(prefers-color-scheme: dark)', color: '#0f161e' },
  ],
  colorScheme: 'light dark',
  width: 'device-width',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: each response carries its own CSP nonce, and nothing
  // is prerendered at build time, when no api is reachable.
  await connection();
  return (
    <html lang="en">
      <body>
        <main className="page">{children}</main>
      </body>
    </html>
  );
}
