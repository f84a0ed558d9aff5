"""UNHCR's flows table (scripts/unhcr/flows.py): read with its own sidecar, refused when it is not
the file the sidecar describes or when a count is not a count, naming the file and the line."""

from __future__ import annotations

import gzip
import hashlib
import shutil

import pytest

from scripts.generator import paths
from scripts.unhcr.flows import FLOWS_FILE, FLOWS_SIDECAR, load_flows
from scripts.unhcr.raw_tables import DataError

HEADER = "year,coo_name,coo,coo_iso,coa_name,coa,coa_iso,refugees,asylum_seekers,refugee_like,oip\n"


def write(folder, text: str) -> None:
    content = gzip.compress(text.encode(), mtime=0)
    (folder / FLOWS_FILE).write_bytes(content)
    sha = hashlib.sha256(content).hexdigest()
    (folder / FLOWS_SIDECAR).write_text(f"files:\n  {FLOWS_FILE}:\n    sha256: {sha}\n")


def test_the_projects_copy_reads_with_empty_fields_as_no_data():
    flows = load_flows()
    china = flows[flows["coo_iso"] == "CHN"]
    assert len(flows) > 100_000 and china["year"].min() <= 2000
    assert china["refugees"].isna().any() and china["asylum_seekers"].notna().any()


def test_a_small_table_is_read_and_a_bad_count_named_with_its_line(tmp_path):
    write(tmp_path, HEADER + "2020,China,CHI,CHN,Canada,CAN,CAN,,12,,\n")
    assert int(load_flows(tmp_path)["asylum_seekers"].iloc[0]) == 12
    write(tmp_path, HEADER + "2020,China,CHI,CHN,Canada,CAN,CAN,,12,,\n2021,China,CHI,CHN,Canada,CAN,CAN,,twelve,,\n")
    with pytest.raises(DataError) as error:
        load_flows(tmp_path)
    assert FLOWS_FILE in str(error.value) and "asylum_seekers" in str(error.value) and "3" in str(error.value)


def test_a_file_that_is_not_the_one_its_sidecar_describes_is_refused(tmp_path):
    shutil.copy(paths.RAW / FLOWS_FILE, tmp_path / FLOWS_FILE)
    shutil.copy(paths.RAW / FLOWS_SIDECAR, tmp_path / FLOWS_SIDECAR)
    assert len(load_flows(tmp_path)) > 0
    with open(tmp_path / FLOWS_FILE, "ab") as file:
        file.write(b"\0")
    with pytest.raises(DataError, match=r"flows\.csv\.gz: its sha256 .* differs from .* flows\.source\.yml"):
        load_flows(tmp_path)
    (tmp_path / FLOWS_SIDECAR).unlink()
    with pytest.raises(DataError, match=r"flows\.source\.yml: missing"):
        load_flows(tmp_path)
