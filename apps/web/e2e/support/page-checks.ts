import type { Page } from 'playwright-core';

/** Visible inputs, selects, textareas, buttons and links without an accessible name. */
export async function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('input, select, textarea, button, a[href]')]
      .filter((el) => el.getClientRects().length > 0)
      .filter((el) => {
        if (el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')) return false;
        const labels = (el as HTMLInputElement).labels;
        if (labels && labels.length > 0 && [...labels].some((l) => l.textContent?.trim())) return false;
        if ((el.tagName === 'BUTTON' || el.tagName === 'A') && el.textContent?.trim()) return false;
        return true;
      })
      .map((el) => el.outerHTML.slice(0, 160)),
  );
}

/** How many pixels the page is wider than the viewport (0 = nothing overflows; tables scroll in their box). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
