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

export const viewport: Viewport = { themeColor: '#2f5f8a', width: 'device-width' };

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
