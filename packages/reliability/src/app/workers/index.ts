import { BehaviourWorker } from './behaviour-worker';
import { EchoWorker } from './echo-worker';
import { FileWorker } from './file-worker';
import { LedgerWorker } from './ledger-worker';
import { StubbornWorker } from './stubborn-worker';
import { StrictWorker, TypedWorker } from './typed-worker';

export { BehaviourWorker, bigOutputBytes, longMessageLength, type Behaviour, type BehaviourInput } from './behaviour-worker';
export { EchoWorker, type EchoInput } from './echo-worker';
export { FileInput, FileWorker } from './file-worker';
export { LedgerInput, LedgerWorker } from './ledger-worker';
export { StubbornWorker } from './stubborn-worker';
export { StrictWorker, TypedInput, TypedInputOptions, TypedWorker, type TypedResult } from './typed-worker';

/** Every worker of the suite's application. */
export const reliabilityWorkers = [EchoWorker, StubbornWorker, LedgerWorker, BehaviourWorker, TypedWorker, StrictWorker, FileWorker];
