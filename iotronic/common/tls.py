"""A certificate authority for a test bed or an all-in-one.

Production routers present certificates the operator's PKI issues.
Where there is none (a lab, CI, ``make run`` with TLS), this makes a
small CA and a router certificate signed by it: boards and agents are
then given ``ca.pem`` and verify the router as they would in production.
Keys are ECDSA P-256 and are written readable by their owner only.
"""

import datetime
import ipaddress
import os
import pathlib

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID
from cryptography.x509.oid import NameOID

CA_CERT = 'ca.pem'
CA_KEY = 'ca-key.pem'
ROUTER_CERT = 'router.pem'
ROUTER_KEY = 'router-key.pem'


def _write_key(path, key):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, 'wb') as f:
        f.write(key.private_bytes(serialization.Encoding.PEM,
                                  serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))


def _write_cert(path, cert):
    pathlib.Path(path).write_bytes(
        cert.public_bytes(serialization.Encoding.PEM))


def _name(common_name):
    return x509.Name([
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, 'IoTronic'),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _san(hosts):
    names = []
    for host in hosts:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    return x509.SubjectAlternativeName(names)


def make_test_ca(directory, hosts, days=365):
    """ca.pem, ca-key.pem, router.pem and router-key.pem in
    ``directory``; the router's certificate is valid for ``hosts``
    (names or addresses).

    :returns: the paths, by file name.
    """
    directory = pathlib.Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.UTC)
    until = now + datetime.timedelta(days=days)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name('IoTronic test CA')
    ca_cert = (
        x509.CertificateBuilder().subject_name(ca_name)
        .issuer_name(ca_name).public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now).not_valid_after(until)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0),
                       critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, key_cert_sign=True, crl_sign=True,
            content_commitment=False, key_encipherment=False,
            data_encipherment=False, key_agreement=False,
            encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(
            ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder().subject_name(_name(hosts[0]))
        .issuer_name(ca_name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now).not_valid_after(until)
        .add_extension(_san(hosts), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None),
                       critical=True)
        .add_extension(x509.ExtendedKeyUsage(
            [ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
            ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256()))
    paths = {name: directory / name
             for name in (CA_CERT, CA_KEY, ROUTER_CERT, ROUTER_KEY)}
    _write_key(paths[CA_KEY], ca_key)
    _write_cert(paths[CA_CERT], ca_cert)
    _write_key(paths[ROUTER_KEY], key)
    _write_cert(paths[ROUTER_CERT], cert)
    return paths
