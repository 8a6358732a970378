/**
 * A worker thread's entry (piscina calls the default export): one batch
 * runner, with its compile cache, for the thread's life.
 */
import { batchRunner } from './batch.js';

export default batchRunner();
