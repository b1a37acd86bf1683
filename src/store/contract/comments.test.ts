import { describeCommentsContract } from './comments-contract.js';
import { ENGINES } from './engines.js';

for (const engine of ENGINES) describeCommentsContract(engine);
