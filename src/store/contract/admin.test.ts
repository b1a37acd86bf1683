import { describeAdminStoreContract } from './admin-contract.js';
import { ENGINES } from './engines.js';

for (const engine of ENGINES) describeAdminStoreContract(engine);
