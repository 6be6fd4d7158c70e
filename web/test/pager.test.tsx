import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Pager } from '@/components/Pager';

vi.mock('next/link', () => import('./plain-link'));

// The pager's links and position; which cursor each link carries is TodoPage's business, seen
// through the browser in e2e/paging.e2e.ts.
describe('the pager', () => {
  it('is absent on a list of one page', () => {
    const { container } = render(
      <Pager firstHref={null} prevHref={null} nextHref={null} position="1–3 of 3" />,
    );
    expect(container).toBeEmptyDOMElement();
  });

  it('offers back links, the position, then forward, as plain links in that order', () => {
    render(
      <Pager
        firstHref="/?limit=2"
        prevHref="/?limit=2&cursor=b"
        nextHref="/?limit=2&cursor=a"
        position="5–6 of 7"
      />,
    );
    const nav = screen.getByRole('navigation', { name: 'Pages' });
    expect(nav).toHaveTextContent('First pagePrevious page5–6 of 7Next page');
    const links = screen.getAllByRole('link');
    expect(
      links.map((link) => [link.textContent, link.getAttribute('href'), link.getAttribute('rel')]),
    ).toEqual([
      ['First page', '/?limit=2', null],
      ['Previous page', '/?limit=2&cursor=b', 'prev'],
      ['Next page', '/?limit=2&cursor=a', 'next'],
    ]);
  });
});
