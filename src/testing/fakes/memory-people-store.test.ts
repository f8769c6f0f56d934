import { MemoryStore } from './memory-store.js';
import { describePeopleStoreContract } from '../contracts/people-store-contract.case.js';

describePeopleStoreContract('memory', () => Promise.resolve(new MemoryStore()));
