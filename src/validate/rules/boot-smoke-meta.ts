import { RuleMeta } from '../types.js';

/** Described apart from the rule: the rule table must not load the gate (undici) to list it. */
export const bootSmokeMeta: RuleMeta = {
  id: 'boot-smoke',
  title: 'The artifact does not boot and stay healthy (opt-in: --boot)',
  severity: 'error',
  optIn: true,
  why: 'Static checks cannot see a crash at start; booting the artifact with its production start command and gating it briefly catches the SyntaxError of the first outage before any server does.',
  fix: 'Run the start command locally, read the first error line, and fix it; make sure the health URL answers within the boot timeout.'
};
