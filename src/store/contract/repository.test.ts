import { describeRepositoryContract } from './repository-contract.js';
import { ENGINES } from './engines.js';

for (const engine of ENGINES) describeRepositoryContract(engine);
