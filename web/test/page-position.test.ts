// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { countOfFilter, pagePositionText } from '@/lib/tasks/page-position';

describe('where a page sits in its list', () => {
  it('counts from one, to the last row shown, of the filter’s count', () => {
    expect(pagePositionText(0, 50, 120)).toBe('1–50 of 120');
    expect(pagePositionText(50, 50, 120)).toBe('51–100 of 120');
    expect(pagePositionText(100, 20, 120)).toBe('101–120 of 120');
    expect(pagePositionText(1200, 50, 5000)).toBe('1,201–1,250 of 5,000');
    expect(pagePositionText(120, 1, 121)).toBe('121 of 121');
  });

  it('never says a page ends past its list, and says nothing of an empty page', () => {
    // Tasks before the page were deleted since it was opened: the position is approximate.
    expect(pagePositionText(100, 20, 110)).toBe('101–120 of 120');
    expect(pagePositionText(0, 0, 0)).toBeNull();
    expect(pagePositionText(50, 0, 50)).toBeNull();
  });

  it('takes the count of the filter shown', () => {
    const counts = { all: 120, ongoing: 70, completed: 50 };
    expect(countOfFilter('all', counts)).toBe(120);
    expect(countOfFilter('active', counts)).toBe(70);
    expect(countOfFilter('completed', counts)).toBe(50);
  });
});
