"""The importers on the real files in ../shared/runs and on broken ones made here."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import pytest

from hipstride.importers.common import Refused, sha256
from hipstride.importers.read import read_activity
from hipstride.importers.sources import iter_sources
from hipstride.running.records import RunRecord
from tests.integration.runs_files import EXPECTED, REFUSED, runs_folder


def _records(path: Path, max_bytes: int | None = None) -> list[RunRecord | str]:
    """Each activity in the path, or the reason it was refused."""
    results: list[RunRecord | str] = []
    sources = (
        iter_sources([path]) if max_bytes is None else iter_sources([path], max_bytes=max_bytes)
    )
    for source in sources:
        if source.problem is not None or source.data is None:
            results.append(source.problem or "")
            continue
        try:
            results.append(read_activity(source.data, source_hash=sha256(source.data)))
        except Refused as exc:
            results.append(exc.reason)
    return results


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_real_file_gives_what_its_device_recorded(name: str) -> None:
    sport, seconds, which, km = EXPECTED[name]
    record = _records(runs_folder() / name)[0]
    assert isinstance(record, RunRecord), record
    assert record.sport == sport
    measured = record.elapsed_seconds if which == "elapsed" else record.moving_seconds
    assert measured == pytest.approx(seconds, rel=0.01)
    assert record.distance_m / 1000 == pytest.approx(km, rel=0.01)
    assert record.start.tzinfo is not None
    assert record.moving_seconds <= record.elapsed_seconds + 1


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_files_without_a_whole_activity_are_refused_with_a_reason(name: str) -> None:
    (reason,) = _records(runs_folder() / name)
    assert isinstance(reason, str)
    assert REFUSED[name] in reason


def test_devices_laps_heart_rate_and_cadence_come_through() -> None:
    folder = runs_folder()
    fenix = _records(folder / "jimmykane-fitparser__running-with-developer-data.fit")[0]
    assert isinstance(fenix, RunRecord)
    assert (len(fenix.laps), fenix.avg_heart_rate, fenix.max_heart_rate) == (14, 158, 177)
    assert fenix.sport_detail == "Löpning"
    assert fenix.avg_cadence_spm == pytest.approx(159.8, abs=0.1)
    forerunner = _records(folder / "fitparse__2013-02-06-12-11-14.fit")[0]
    assert isinstance(forerunner, RunRecord)
    assert len(forerunner.laps) == 5
    assert sum(lap.distance_m or 0 for lap in forerunner.laps) == pytest.approx(4835, abs=5)
    tcx = _records(folder / "tcxparser__test.tcx")[0]
    assert isinstance(tcx, RunRecord)
    assert (len(tcx.laps), tcx.max_heart_rate) == (3, 189)
    garmin_gpx = _records(folder / "elevate__20171008_run_2067489619.gpx")[0]
    assert isinstance(garmin_gpx, RunRecord)
    assert garmin_gpx.avg_heart_rate is not None and garmin_gpx.avg_cadence_spm is not None


def test_indoor_runs_take_the_devices_distance() -> None:
    folder = runs_folder()
    for name in ("elevate__treadmill.fit", "fitparse__compressed-speed-distance.fit"):
        record = _records(folder / name)[0]
        assert isinstance(record, RunRecord)
        assert record.indoor and record.sport == "run"
        assert record.distance_m > 10_000


def test_salvaged_files_say_what_happened() -> None:
    folder = runs_folder()
    strava = _records(folder / "fitparse__strava-android-app-201.10-b1218918.fit")[0]
    assert isinstance(strava, RunRecord)
    assert any("Truncated" in note for note in strava.notes)
    assert strava.start.year == 2021  # not the bogus 2085 of the damaged tail
    compressed = _records(folder / "fitparse__compressed-speed-distance.fit")[0]
    assert isinstance(compressed, RunRecord)
    assert any("compressed timestamps" in note for note in compressed.notes)


def test_a_guessed_sport_is_said_to_be_a_guess() -> None:
    ride = _records(runs_folder() / "goldencheetah__Move_2014_01_16_19_48_44.gpx")[0]
    assert isinstance(ride, RunRecord)
    assert ride.sport == "ride" and "km/h" in ride.notes[0]


# --- broken inputs, made here ---------------------------------------------------------------


def _fit_bytes() -> bytes:
    return (runs_folder() / "fitparse__2013-02-06-12-11-14.fit").read_bytes()


def test_a_fit_cut_in_half_is_rebuilt_from_its_points_and_says_so(tmp_path: Path) -> None:
    data = _fit_bytes()
    (tmp_path / "half.fit").write_bytes(data[: len(data) // 2])
    (record,) = _records(tmp_path / "half.fit")
    assert isinstance(record, RunRecord)
    assert any("Truncated" in n for n in record.notes)
    assert any("Rebuilt from the points" in n for n in record.notes)
    assert 60 < record.elapsed_seconds < 43 * 60


def test_a_fit_cut_after_its_header_is_refused_as_truncated(tmp_path: Path) -> None:
    (tmp_path / "stub.fit").write_bytes(_fit_bytes()[:200])
    (reason,) = _records(tmp_path / "stub.fit")
    assert isinstance(reason, str) and reason.startswith("truncated file")


def test_a_fit_with_damaged_bytes_is_refused(tmp_path: Path) -> None:
    data = bytearray(_fit_bytes())
    for offset in range(5000, 5040):
        data[offset] ^= 0xFF
    (tmp_path / "damaged.fit").write_bytes(bytes(data))
    (reason,) = _records(tmp_path / "damaged.fit")
    assert isinstance(reason, str) and "damaged FIT file" in reason


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("notes.fit", b"just some text", "not an activity file"),
        ("page.gpx", b"<html><body>hello</body></html>", "not an activity file"),
        ("broken.tcx", b"<TrainingCenterDatabase><Activities>", "not well-formed XML at line 1"),
        ("empty.gpx", b"", "empty file"),
        (
            "route.gpx",
            b'<gpx version="1.1" creator="x" xmlns="http://www.topografix.com/GPX/1/1">'
            b"<rte><rtept lat='1' lon='2'/></rte></gpx>",
            "route",
        ),
    ],
)
def test_files_that_are_not_activities_are_refused(
    tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    (tmp_path / name).write_bytes(content)
    (reason,) = _records(tmp_path / name)
    assert isinstance(reason, str) and expected in reason


def test_an_oversized_file_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "huge.fit"
    with huge.open("wb") as handle:  # sparse: no 64 MB written
        handle.truncate(64 * 1024 * 1024 + 1)
    (reason,) = _records(huge)
    assert isinstance(reason, str) and "over the 64 MB limit" in reason


def test_a_zip_bomb_is_stopped_at_the_limit(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.fit", b"\0" * (3 * 1024 * 1024))
    assert bomb.stat().st_size < 20_000
    (reason,) = _records(bomb, max_bytes=1024 * 1024)
    assert isinstance(reason, str) and "over the limit" in reason


def test_a_gzip_bomb_is_stopped_at_the_limit(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.fit.gz"
    bomb.write_bytes(gzip.compress(b"\0" * (3 * 1024 * 1024)))
    (reason,) = _records(bomb, max_bytes=1024 * 1024)
    assert isinstance(reason, str) and "the limit" in reason


def test_gz_zip_and_folders_unpack_to_the_same_activity(tmp_path: Path) -> None:
    data = (runs_folder() / "tcxparser__test.tcx").read_bytes()
    (tmp_path / "a.tcx.gz").write_bytes(gzip.compress(data))
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("deep/b.tcx", data)
        archive.writestr("activities.csv", "not read")
    with zipfile.ZipFile(tmp_path / "export.zip", "w") as archive:
        archive.writestr("nested.zip", inner.getvalue())
    (tmp_path / "c.txt").write_text("ignored in folders")
    records = _records(tmp_path)
    assert len(records) == 2
    assert all(isinstance(r, RunRecord) and r.source_hash == sha256(data) for r in records)


def test_a_damaged_zip_is_refused(tmp_path: Path) -> None:
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04 this is not really a zip")
    (reason,) = _records(tmp_path / "bad.zip")
    assert isinstance(reason, str) and "damaged zip" in reason


def test_a_fit_file_that_is_not_an_activity_is_refused(tmp_path: Path) -> None:
    from garmin_fit_sdk import Encoder

    encoder = Encoder()
    encoder.on_mesg(0, {"type": "settings", "manufacturer": "garmin", "product": 1})
    encoder.on_mesg(3, {"friendly_name": "Ana", "weight": 60.0})
    (tmp_path / "settings.fit").write_bytes(encoder.close())
    (reason,) = _records(tmp_path / "settings.fit")
    assert reason == "a FIT settings file, not an activity"


def test_a_missing_path_is_named_and_the_others_still_read(tmp_path: Path) -> None:
    good = runs_folder() / "tcxparser__test.tcx"
    results = [
        s.problem for s in iter_sources([tmp_path / "nowhere.fit", good]) if s.problem is not None
    ]
    assert results == ["no such file or folder"]
    assert len(_records(good)) == 1


def test_padding_after_a_fit_file_is_ignored_and_said(tmp_path: Path) -> None:
    (tmp_path / "padded.fit").write_bytes(_fit_bytes() + b"\0" * 512)
    (record,) = _records(tmp_path / "padded.fit")
    assert isinstance(record, RunRecord)
    assert record.elapsed_seconds == pytest.approx(2625.14)
    assert record.notes == ("Ignored 512 bytes after the end of the FIT data.",)
