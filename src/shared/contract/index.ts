import type { z } from 'zod';
import { appCalls } from './app';
import { auditCalls } from './audit';
import { authCalls } from './auth';
import { billingCalls } from './billing';
import { chairsideCalls } from './chairside';
import { dataRightsCalls } from './data-rights';
import { documentsCalls } from './documents';
import { patientsCalls } from './patients';
import { plansCalls } from './plans';
import { practiceCalls } from './practice';
import { scheduleCalls } from './schedule';
import { syncCalls } from './sync';
import { usersCalls } from './users';
import { statementsCalls } from './statements';
import { reportsCalls } from './reports';
import { prescriptionsCalls } from './prescriptions';
import { consentCalls } from './consent';
import { recallCalls } from './recall';

/** Every call between the renderer and main, declared once. */
export const contract = {
  ...appCalls,
  ...authCalls,
  ...usersCalls,
  ...practiceCalls,
  ...auditCalls,
  ...patientsCalls,
  ...scheduleCalls,
  ...chairsideCalls,
  ...syncCalls,
  ...dataRightsCalls,
  ...statementsCalls,
  ...reportsCalls,
  ...plansCalls,
  ...documentsCalls,
  ...billingCalls,
  ...prescriptionsCalls,
  ...consentCalls,
  ...recallCalls,
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
/** What a caller passes (before defaults are applied). */
export type CallInput<N extends CallName> = z.input<Contract[N]['input']>;
/** What a handler receives (after parsing). */
export type ParsedInput<N extends CallName> = z.output<Contract[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Contract[N]['output']>;

export const CALL_NAMES = Object.keys(contract) as CallName[];

/** The typed client both transports (Electron preload, HTTP) provide to the renderer. */
export type ContractClient = { [N in CallName]: (input: CallInput<N>) => Promise<CallOutput<N>> };

export * from './errors';
export * from './define';
export * from './events';
