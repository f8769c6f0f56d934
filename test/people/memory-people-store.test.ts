import { MemoryStore } from '../../src/testing/fakes/memory-store.js';
import { describePeopleStoreContract } from '../../src/testing/contracts/people-store-contract.case.js';

describePeopleStoreContract('memory', () => Promise.resolve(new MemoryStore()));
