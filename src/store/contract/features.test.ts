import { ENGINES } from './engines.js';
import { describeFeatureStoresContract } from './features-contract.js';

for (const engine of ENGINES) describeFeatureStoresContract(engine);
