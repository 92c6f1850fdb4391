"""Qt-free: conversations kept on disk (SQLite), and their export."""
