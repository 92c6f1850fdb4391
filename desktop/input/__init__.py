"""Qt-free keyboard input: one hold per press, the key state, the global shortcut."""
