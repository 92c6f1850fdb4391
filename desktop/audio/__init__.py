"""Capture and playback of 24 kHz mono PCM16; PyAudio is injected, Qt never imported."""
