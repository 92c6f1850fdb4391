"""Which certificates the app trusts: the system's, plus an optional CA bundle.

Corporate networks that inspect HTTPS present certificates of their own authority; the
user either installs it system-wide, points SSL_CERT_FILE at it (OpenSSL reads that when
the system's certificates are loaded), or chooses its file in Settings. Verification is
never switched off.
"""

from __future__ import annotations

import ssl
from pathlib import Path

from desktop.realtime.problems import InvalidSetting, Reason


class InvalidCABundle(InvalidSetting):
    """The CA bundle file cannot be read as certificates."""


def tls_context(ca_bundle: str = "") -> ssl.SSLContext:
    """A verifying client context: hostname checked, certificate required."""
    context = ssl.create_default_context()
    if ca_bundle:
        path = Path(ca_bundle).expanduser()
        try:
            context.load_verify_locations(cafile=str(path))
        except (OSError, ssl.SSLError) as exc:
            reason = getattr(exc, "strerror", None) or getattr(exc, "reason", None) or exc
            raise InvalidCABundle(
                Reason.CA_BUNDLE_UNUSABLE, str(path), detail=str(reason)
            ) from None
    return context


def untrusted_certificate(error: BaseException) -> str | None:
    """OpenSSL's reason when `error` is a failed certificate check, else None."""
    if isinstance(error, ssl.SSLCertVerificationError):
        return error.verify_message or str(error)
    return None
