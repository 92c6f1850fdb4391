"""Widgets only: they talk to the ConversationController, never to sockets or devices."""
