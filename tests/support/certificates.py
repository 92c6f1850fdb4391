"""Certificates for a relay double on 127.0.0.1: one of a private authority (as a
corporate network's HTTPS inspection presents), and one that signed itself."""

from __future__ import annotations

import datetime
import ipaddress
import ssl
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


@dataclass(frozen=True)
class ServerCertificate:
    cert: Path
    key: Path
    authority: Path  # the PEM a client must trust

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert, self.key)
        return context


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _write(folder: Path, stem: str, cert: x509.Certificate, key: ec.EllipticCurvePrivateKey):
    cert_path, key_path = folder / f"{stem}.pem", folder / f"{stem}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def _certificate(subject, issuer, public_key, signing_key, *, authority: bool):
    now = datetime.datetime.now(datetime.timezone.utc)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=authority, path_length=None), critical=True)
    )
    if not authority or subject == issuer:
        builder = builder.add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
            ),
            critical=False,
        )
    return builder.sign(signing_key, hashes.SHA256())


def issued_by_private_authority(folder: Path) -> ServerCertificate:
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _certificate(
        _name("Corp Inspection CA"),
        _name("Corp Inspection CA"),
        ca_key.public_key(),
        ca_key,
        authority=True,
    )
    ca_path, _ = _write(folder, "corp-ca", ca, ca_key)
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = _certificate(_name("127.0.0.1"), ca.subject, key.public_key(), ca_key, authority=False)
    cert_path, key_path = _write(folder, "relay", leaf, key)
    return ServerCertificate(cert_path, key_path, ca_path)


def self_signed(folder: Path) -> ServerCertificate:
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _certificate(
        _name("127.0.0.1"), _name("127.0.0.1"), key.public_key(), key, authority=True
    )
    cert_path, key_path = _write(folder, "self-signed", cert, key)
    return ServerCertificate(cert_path, key_path, cert_path)
