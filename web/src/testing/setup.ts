import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// happy-dom has no HTMLSelectElement.size (browsers answer 0). React Hook
// Form reads it to tell a select the browser filled in before the form was
// ready, and without it takes every registered select for edited: the form
// would read the first option instead of its default value.
if (!('size' in HTMLSelectElement.prototype)) {
  Object.defineProperty(HTMLSelectElement.prototype, 'size', {
    configurable: true,
    get(this: HTMLSelectElement) {
      return Number(this.getAttribute('size') ?? 0);
    },
    set(this: HTMLSelectElement, value: number) {
      this.setAttribute('size', String(value));
    },
  });
}

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});
