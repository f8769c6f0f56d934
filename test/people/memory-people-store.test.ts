import { MemoryStore } from '../../src/pipeline/testing/memory-store.js';
import { describePeopleStoreContract } from '../../src/store/people-store-contract.case.js';

describePeopleStoreContract('memory', () => Promise.resolve(new MemoryStore()));
