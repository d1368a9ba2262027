// ZeroVM trap function ids: ASCII tags read as little-endian 32-bit numbers (api/zvm.h).
export const TrapId = {
  Read: 0x64616552, // "Read"
  Write: 0x74697257, // "Writ"
  Jail: 0x6c69614a, // "Jail"
  Unjail: 0x6c6a6e55, // "Unjl"
  Exit: 0x74697845, // "Exit"
  Fork: 0x6b726f46, // "Fork"
} as const;
