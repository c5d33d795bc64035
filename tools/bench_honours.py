"""Benchmark of the honours plugin: load + validate, then page generation, on generated data.

    python -m tools.bench_honours [ROWS ...]      # default: 10000 100000
    python -m tools.bench_honours --in-process    # no subprocess (peak memory then cumulative)

`run(rows)` writes a generated content/honours/ folder (about rows/50 units, decisions of 500
rows each as CSV annexes, one bloc per 10 units over 2022–2025) into a temporary folder,
then times `load_honours()` and the HonoursGenerator's page generation (every unit, bloc,
year and decision page and the open data, written through Pelican's Writer with the real
theme). `make_data(folder, rows)` is also used by the tests (tests/honours/).

Each size runs in a fresh Python process, so that its peak memory (the resident set size,
ru_maxrss) is its own: "Bộ nhớ đỉnh" is that peak, "trước khi đọc" the peak before the honours
data is loaded (the interpreter, Pelican, the theme and the data generator). Wall-clock times
depend on the machine's load; the CPU time (user + system of the process) much less.
Issue 7's goal: 100 000 rows in under 10 s, peak memory under 1 GiB, near-linear growth;
issue 12's: peak memory at most 500 MiB.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from tools.benchkit import ROOT, peak_mib, run_child, site_settings, write_result

ROWS_PER_DECISION = 500
UNITS_PER_BLOC = 10
YEARS = tuple(range(2016, 2026))


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_SYLLABLES = _words(
    "An Bình Cát Dương Đông Giang Hà Hải Hòa Hưng Khánh Lâm Long Minh Nam Ngọc Phong "
    "Phú Quang Sơn Tân Thành Thịnh Thượng Tiến Trung Tường Vân Xuân Yên Bản Mường Nậm "
    "Pả Tả"
)
_FAMILY = _words(
    "Nguyễn Trần Lê Phạm Hoàng Vũ Đặng Bùi Đỗ Hồ Ngô Lý Giàng Sùng Vàng Lù Lò Hà Nông Ma"
)
_MIDDLE = _words("Văn Thị Đức Minh Thu Quốc Seo A Thanh Hồng Ngọc Xuân")
_GIVEN = _words(
    "An Bình Chung Dung Giang Hạnh Hùng Khánh Lan Mai Nam Nga Phúc Quân Sơn Thảo Tú "
    "Vinh Yến Pao Chử"
)
_POSITIONS = (
    "Chủ tịch UBND",
    "Phó Chủ tịch UBND",
    "Công chức Văn phòng - Thống kê",
    "Công chức Tư pháp - Hộ tịch",
    "Giáo viên",
    "Bác sĩ",
    "Trưởng thôn",
    "Kế toán",
)
_COLLECTIVE_HONOURS = (
    "bang-khen-chu-tich-ubnd-tinh",
    "tap-the-lao-dong-xuat-sac",
    "co-thi-dua-ubnd-tinh",
)
_INDIVIDUAL_HONOURS = (
    "bang-khen-chu-tich-ubnd-tinh",
    "chien-si-thi-dua-co-so",
    "lao-dong-tien-tien",
    "giay-khen-chu-tich-ubnd-huyen",
)


def _unit_name(rng: random.Random, index: int) -> str:
    return f"UBND xã {rng.choice(_SYLLABLES)} {rng.choice(_SYLLABLES)} {index}"


def _person(rng: random.Random) -> str:
    title = rng.choice(("Ông", "Bà"))
    return f"{title} {rng.choice(_FAMILY)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"


def make_data(content: Path, rows: int, seed: int = 2025) -> dict:
    """Write a valid content/honours/ with `rows` recipient rows; returns what was made."""
    rng = random.Random(seed)
    honours_dir = content / "honours"
    decisions_dir = honours_dir / "quyet-dinh"
    decisions_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "content" / "honours" / "danh-hieu.yaml", honours_dir / "danh-hieu.yaml")

    unit_count = max(2, rows // 50)
    units = [f"dv-{i:05d}" for i in range(1, unit_count + 1)]
    lines = [
        "loai_don_vi:",
        "  - id: huyen",
        "    ten: Huyện, thị xã, thành phố",
        "  - id: xa",
        "    ten: Xã, phường",
        "don_vi:",
    ]
    dissolved: set[str] = set()
    for index, uid in enumerate(units, start=1):
        name = _unit_name(rng, index)
        lines += [
            f"  - id: {uid}",
            f'    ten: "{name}"',
            f"    loai: {'xa' if index % 5 else 'huyen'}",
        ]
        lines.append(f'    ten_khac: ["{name.removeprefix("UBND ")}"]')
        # One unit in twenty is dissolved on 1/7/2025 and succeeded by the next one.
        if index % 20 == 0 and index < unit_count:
            dissolved.add(uid)
            lines += ["    den_ngay: 2025-07-01", f"    ke_thua: [{units[index]}]"]
    (honours_dir / "don-vi.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    blocs = ["# Khối thi đua sinh tự động cho bench"]
    for number, start in enumerate(range(0, unit_count, UNITS_PER_BLOC), start=1):
        members = units[start : start + UNITS_PER_BLOC]
        if len(members) < 2:
            break
        blocs += [f"- id: khoi-{number:04d}", f"  ten: Khối thi đua số {number}", "  cac_nam:"]
        for offset, year in enumerate((2022, 2023, 2024, 2025)):
            leader = members[offset % len(members)]
            deputy = members[(offset + 1) % len(members)]
            blocs += [
                f"    - nam: {year}",
                f"      thanh_vien: [{', '.join(members)}]",
                f"      truong_khoi: {leader}",
                f"      pho_khoi: {deputy}",
                f"      ngay_ky_giao_uoc: {year}-02-15",
            ]
    (honours_dir / "khoi-thi-dua.yaml").write_text("\n".join(blocs) + "\n", encoding="utf-8")

    decision_count = max(1, -(-rows // ROWS_PER_DECISION))
    written = 0
    for number in range(1, decision_count + 1):
        year = YEARS[number % len(YEARS)]
        month = 1 + number % 6  # January to June: before the 2025 dissolutions
        day = 1 + number % 28
        size = min(ROWS_PER_DECISION, rows - written)
        stem = f"{number}-qd-ubnd-{year}"
        (decisions_dir / f"{stem}.yaml").write_text(
            f"so: {number}/QĐ-UBND\n"
            f"ngay: {year}-{month:02d}-{day:02d}\n"
            "co_quan: Chủ tịch UBND tỉnh\n"
            "hinh_thuc: bang-khen-chu-tich-ubnd-tinh\n"
            f"thanh_tich: Đã có thành tích xuất sắc trong phong trào thi đua năm {year}\n"
            f"phu_luc: {stem}.csv\n",
            encoding="utf-8",
        )
        collectives = size // 5
        csv_lines = ["STT,Họ và tên,Chức vụ,Mã đơn vị,Hình thức", "I. Tập thể,,,,"]
        for i in range(collectives):
            uid = rng.choice(units)
            csv_lines.append(
                f"{i + 1},Tập thể {uid} số {i + 1},,{uid},{rng.choice(_COLLECTIVE_HONOURS)}"
            )
        csv_lines.append("II. Cá nhân,,,,")
        for i in range(size - collectives):
            uid = rng.choice(units)
            position = f"{rng.choice(_POSITIONS)} {uid}"
            honour = rng.choice(_INDIVIDUAL_HONOURS)
            csv_lines.append(f"{i + 1},{_person(rng)},{position},{uid},{honour}")
        (decisions_dir / f"{stem}.csv").write_text("\n".join(csv_lines) + "\n", encoding="utf-8")
        written += size
    return {"rows": written, "units": unit_count, "decisions": decision_count}


def run(rows: int) -> dict:
    """Generate `rows` recipient rows, then time loading and page generation (seconds)."""
    from pelican import Pelican
    from pelican.writers import Writer

    from plugins.honours.glue import HonoursGenerator
    from plugins.honours.loader import load_honours

    with tempfile.TemporaryDirectory(prefix="bench-honours-") as folder:
        content, output = Path(folder) / "content", Path(folder) / "output"
        made = make_data(content, rows)
        settings = site_settings(content, output, PLUGINS=["plugins.vietnamese", "plugins.honours"])
        Pelican(settings)  # registers the plugins' signals (our Jinja filters)

        before_mib = peak_mib()
        cpu_start = time.process_time()
        start = time.perf_counter()
        data = load_honours(content, settings)
        load_seconds = time.perf_counter() - start

        context = settings.copy()
        context.update({"generated_content": {}, "static_links": set(), "static_content": {}})
        context["localsiteurl"] = settings["SITEURL"]
        generator = HonoursGenerator(
            context=context,
            settings=settings,
            path=settings["PATH"],
            theme=settings["THEME"],
            output_path=str(output),
        )
        generator.data = data
        context["honours"] = data
        generator.attach_articles([])
        writer = Writer(str(output), settings=settings)
        start = time.perf_counter()
        generator.generate_output(writer)
        pages_seconds = time.perf_counter() - start
        cpu_seconds = time.process_time() - cpu_start
        peak = peak_mib()
        files = sum(1 for p in output.rglob("*") if p.is_file())
    return {
        "rows": made["rows"],
        "units": made["units"],
        "decisions": made["decisions"],
        "files": files,
        "load_s": round(load_seconds, 2),
        "pages_s": round(pages_seconds, 2),
        "total_s": round(load_seconds + pages_seconds, 2),
        "cpu_s": round(cpu_seconds, 2),
        "us_per_row": round(1e6 * (load_seconds + pages_seconds) / max(made["rows"], 1), 1),
        "before_mib": round(before_mib),
        "peak_mib": round(peak),
    }


def run_in_subprocess(rows: int) -> dict:
    """run(rows) in a fresh interpreter, so that the peak memory is that run's alone."""
    with tempfile.TemporaryDirectory(prefix="bench-honours-") as folder:
        spec = {"rows": rows, "result": str(Path(folder) / "result.json")}
        return run_child("tools.bench_honours", spec)


def table(results: list[dict]) -> str:
    header = (
        "Số dòng",
        "Đơn vị",
        "Quyết định",
        "Tệp",
        "Đọc+kiểm tra (s)",
        "Tạo trang (s)",
        "Tổng (s)",
        "CPU (s)",
        "µs/dòng",
        "Bộ nhớ đỉnh (MiB)",
        "trước khi đọc (MiB)",
    )
    keys = (
        "rows",
        "units",
        "decisions",
        "files",
        "load_s",
        "pages_s",
        "total_s",
        "cpu_s",
        "us_per_row",
        "peak_mib",
        "before_mib",
    )
    widths = [
        max(len(h), *(len(str(r[k])) for r in results)) for h, k in zip(header, keys, strict=True)
    ]
    lines = ["  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True))]
    for result in results:
        lines.append("  ".join(str(result[k]).rjust(w) for k, w in zip(keys, widths, strict=True)))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("rows", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--in-process", action="store_true", help="run every size in this process")
    parser.add_argument("--child", help=argparse.SUPPRESS)  # one run (benchkit.run_child)
    args = parser.parse_args(argv)
    if args.child:
        spec = json.loads(args.child)
        write_result(spec, run(spec["rows"]))
        return 0
    results = []
    for rows in args.rows:
        results.append(run(rows) if args.in_process else run_in_subprocess(rows))
        print(
            table(results[-1:]) if len(results) == 1 else table(results).splitlines()[-1],
            flush=True,
        )
    if len(results) > 1:
        small, large = results[0], results[-1]
        scale = large["rows"] / small["rows"]
        for label, key in (("Thời gian", "total_s"), ("CPU", "cpu_s")):
            ratio = (large[key] / max(small[key], 0.01)) / scale
            print(
                f"{label} mỗi dòng ở {large['rows']} dòng so với {small['rows']} dòng: "
                f"x{ratio:.2f} (1,00 = tuyến tính)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
