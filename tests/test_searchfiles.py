"""Pagefind's files rewritten in a fixed order: the CBOR they hold read and written back
exactly, and anything this reader does not know refused rather than guessed at."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from katalog.site import searchfiles
from katalog.site.searchfiles import Map, SearchFilesError, decode, encode


@pytest.mark.parametrize(
    "value",
    [
        0,
        23,
        24,
        255,
        256,
        65536,
        2**32,
        -1,
        -500,
        b"\x00\xff",
        "",
        "Ålesund – “kommune”",
        ["year", [["2016", [43]], ["2020", [0, 43]]]],
        Map([("b", 1), ("a", [2, 3])]),
    ],
)
def test_values_are_written_back_as_read(value: object) -> None:
    data = encode(value)
    assert decode(data) == value
    assert encode(decode(data)) == data


def test_known_bytes_decode_as_cbor_says() -> None:
    # RFC 8949, appendix A
    assert decode(bytes.fromhex("1903e8")) == 1000
    assert decode(bytes.fromhex("3863")) == -100
    assert decode(bytes.fromhex("826161a161626163")) == ["a", Map([("b", "c")])]


@pytest.mark.parametrize(
    "data",
    [
        bytes.fromhex("f93c00"),  # a half-precision float
        bytes.fromhex("9f01ff"),  # an array of indefinite length
        bytes.fromhex("c11a514b67b0"),  # a tag
        bytes.fromhex("8301"),  # an array that ends early
        bytes.fromhex("0101"),  # bytes after the value
    ],
)
def test_what_pagefind_does_not_write_is_refused(data: bytes) -> None:
    with pytest.raises(SearchFilesError):
        decode(data)


def test_a_file_without_the_signature_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "en_1234567.pf_filter"
    path.write_bytes(gzip.compress(encode(["year", []])))
    with pytest.raises(SearchFilesError, match="no Pagefind signature"):
        searchfiles.read(path)


def test_packed_files_carry_no_time(tmp_path: Path) -> None:
    value = ["year", [["2016", [1]]]]
    assert searchfiles.packed(value) == searchfiles.packed(value)
    assert searchfiles.packed(value)[4:8] == b"\x00\x00\x00\x00"  # gzip's MTIME field
    path = tmp_path / "en_1234567.pf_filter"
    path.write_bytes(searchfiles.packed(value))
    assert searchfiles.read(path) == value
