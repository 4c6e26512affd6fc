import { describe, expect, it } from 'vitest';
import { VIEWS } from '../state/screens.ts';
import { SCREEN_MODULES } from './screens.ts';

describe('screen modules', () => {
  it('exist for every declared screen but the overview, and for nothing undeclared', () => {
    expect([...SCREEN_MODULES].sort()).toEqual(VIEWS.filter((view) => view !== 'overview').sort());
  });
});
