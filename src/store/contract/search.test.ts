import { ENGINES } from './engines.js';
import { describeSearchContract } from './search-contract.js';

for (const engine of ENGINES) describeSearchContract(engine);
