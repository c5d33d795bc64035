"""A small labelled site for the search tests: built with our Pelican settings, indexed by
tools/search/ (Pagefind + word list), served on 127.0.0.1. Built once per test process.

Each article has a topic (the key of ARTICLES); the tests check which topics come first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import article, make_content, pelican_build, serving
from tools.search import run

# slug -> (topic, title, date, category, summary, body)
ARTICLES = {
    "phat-dong-thi-dua-2024": (
        "thi đua",
        "Phát động phong trào thi đua yêu nước năm 2024",
        "2024-01-15 08:00",
        "Thi đua - Khen thưởng",
        "Tỉnh phát động phong trào thi đua yêu nước năm 2024 với năm nội dung trọng tâm.",
        "Phong trào thi đua năm nay hướng vào cải cách hành chính và chuyển đổi số. Các cụm, "
        "khối thi đua ký giao ước thi đua ngay trong tháng Một. Hội đồng Thi đua - Khen "
        "thưởng tỉnh đề nghị mỗi đơn vị chọn một việc cụ thể để thi đua.",
    ),
    "khoi-thi-dua-tong-ket-2023": (
        "thi đua",
        "Khối thi đua các huyện tổng kết năm 2023",
        "2023-12-19 16:30",
        "Khối thi đua",
        "Các huyện trong khối thi đua chấm điểm, bình xét và suy tôn đơn vị dẫn đầu.",
        "Khối thi đua các huyện tổng kết công tác thi đua năm 2023. Trưởng khối báo cáo kết "
        "quả chấm điểm thi đua; các thành viên bỏ phiếu suy tôn đơn vị dẫn đầu phong trào "
        "thi đua để đề nghị tặng Cờ thi đua của tỉnh.",
    ),
    "thi-dua-chuyen-de-nong-thon-moi": (
        "thi đua",
        "Thi đua chuyên đề xây dựng nông thôn mới",
        "2022-05-10 09:00",
        "Thi đua - Khen thưởng",
        "Phong trào thi đua chuyên đề giúp nhiều xã về đích nông thôn mới sớm.",
        "Sau hai năm thi đua chuyên đề, các xã làm thêm đường bê tông và nhà văn hóa thôn. "
        "Người dân góp công, góp đất; phong trào thi đua lan tới từng thôn, bản.",
    ),
    "bac-ha-mua-man": (
        "Bắc Hà",
        "Bắc Hà vào mùa mận tam hoa",
        "2023-03-14 07:00",
        "Kinh tế",
        "Huyện Bắc Hà thu hoạch mận tam hoa, giá bán ổn định nhờ liên kết tiêu thụ.",
        "Những vườn mận ở Bắc Hà cho thu hoạch từ đầu tháng Sáu. Huyện Bắc Hà ký liên kết "
        "với các hợp tác xã để bao tiêu mận. Du khách về Bắc Hà vừa ngắm vườn vừa mua quả.",
    ),
    "bac-ha-cho-phien": (
        "Bắc Hà",
        "Chợ phiên Bắc Hà hút khách du lịch",
        "2024-06-02 08:00",
        "Xã hội",
        "Chợ phiên Bắc Hà mỗi Chủ nhật đón hàng nghìn du khách trong và ngoài nước.",
        "Chợ phiên Bắc Hà họp vào sáng Chủ nhật. Người dân các xã quanh Bắc Hà mang thổ cẩm, "
        "rượu ngô và gia súc ra chợ. Huyện Bắc Hà giữ nét văn hóa của chợ phiên.",
    ),
    "bac-ha-truong-thpt": (
        "Bắc Hà",
        "Trường THPT số 1 Bắc Hà có tỷ lệ đỗ tốt nghiệp cao",
        "2023-08-02 10:00",
        "Xã hội",
        "Học sinh Trường THPT số 1 Bắc Hà đỗ tốt nghiệp gần như trọn vẹn.",
        "Nhà trường ở trung tâm Bắc Hà tổ chức lớp ôn tập buổi tối. Giáo viên Bắc Hà đến "
        "từng bản vận động học sinh đi học đều.",
    ),
    "trong-cay-bac-ha": (
        "bạc hà",
        "Nông dân trồng bạc hà lấy tinh dầu",
        "2024-09-20 07:30",
        "Kinh tế",
        "Cây bạc hà cho thu nhập khá nhờ bán lá tươi và tinh dầu bạc hà.",
        "Mỗi sào bạc hà cho vài tạ lá. Tinh dầu bạc hà được một doanh nghiệp mua hết. Trồng "
        "bạc hà cần đất tơi và tưới đều.",
    ),
    "don-bien-phong-si-ma-cai": (
        "biên phòng",
        "Đồn Biên phòng Si Ma Cai giúp dân dựng nhà",
        "2023-07-20 15:00",
        "Quốc phòng - An ninh",
        "Cán bộ, chiến sĩ Đồn Biên phòng Si Ma Cai giúp các hộ nghèo dựng nhà trước mùa mưa.",
        "Đồn Biên phòng Si Ma Cai cử tổ công tác xuống bản. Bộ đội biên phòng cùng dân làm "
        "móng, dựng cột. Đồn biên phòng cũng tặng sách vở cho học sinh.",
    ),
    "don-bien-phong-bat-xat": (
        "biên phòng",
        "Đồn Biên phòng Bát Xát tuần tra đường biên",
        "2022-08-11 09:00",
        "Quốc phòng - An ninh",
        "Đồn Biên phòng Bát Xát phối hợp với dân quân tuần tra, bảo vệ mốc giới.",
        "Mỗi tuần, Đồn Biên phòng Bát Xát tổ chức ba đợt tuần tra. Cán bộ đồn biên phòng "
        "hướng dẫn người dân nhận biết mốc giới.",
    ),
    "khen-thuong-dot-xuat": (
        "khen thưởng",
        "Khen thưởng đột xuất tập thể cứu hộ sau lũ",
        "2024-09-30 17:00",
        "Thi đua - Khen thưởng",
        "Chủ tịch UBND tỉnh tặng Bằng khen, khen thưởng đột xuất các tập thể cứu hộ.",
        "Công tác khen thưởng được làm ngay sau đợt cứu hộ. Hồ sơ khen thưởng gọn, đúng "
        "người, đúng việc. Tiền thưởng được trao tận tay.",
    ),
    "nghi-dinh-khen-thuong": (
        "khen thưởng",
        "Nghị định mới về khen thưởng: cơ sở cần làm gì",
        "2024-01-20 09:00",
        "Văn bản",
        "Nghị định hướng dẫn Luật Thi đua, khen thưởng có hiệu lực từ đầu năm 2024.",
        "Nghị định quy định hồ sơ, thủ tục khen thưởng và mức tiền thưởng. Cơ sở cần rà "
        "soát quy chế khen thưởng cho phù hợp.",
    ),
    "dai-hoi-thi-dua-yeu-nuoc": (
        "đại hội",
        "Đại hội Thi đua yêu nước tỉnh lần thứ VI",
        "2025-10-09 08:00",
        "Thi đua - Khen thưởng",
        "Đại hội biểu dương các điển hình tiên tiến giai đoạn 2020 - 2025.",
        "Đại hội đánh giá năm năm thực hiện phong trào. Các đại biểu dự đại hội là những "
        "điển hình tiên tiến của tỉnh.",
    ),
    "dai-hoi-doan-thanh-nien": (
        "đại hội",
        "Đại hội Đoàn thanh niên huyện Văn Bàn",
        "2022-09-05 08:00",
        "Xã hội",
        "Đại hội Đoàn bầu ban chấp hành mới và đặt mục tiêu cho nhiệm kỳ tới.",
        "Đại hội thông qua nghị quyết nhiệm kỳ. Thanh niên Văn Bàn nhận nhiệm vụ đi đầu "
        "trong chuyển đổi số. Con đường về trung tâm huyện dài hơn hai mươi cây số.",
    ),
    "dua-hau-muong-khuong": (
        "dưa hấu",
        "Dưa hấu Mường Khương được mùa",
        "2024-05-18 07:00",
        "Kinh tế",
        "Nông dân Mường Khương thu hoạch dưa hấu, giá bán cao hơn năm trước.",
        "Ruộng dưa hấu trải dài ven suối. Thương lái đến tận ruộng mua dưa hấu. Một số hộ "
        "bán dưa qua mạng.",
    ),
}

# A page that is not an article (like the honours data pages): it says "dưa hấu" more often
# than the article does, yet articles are ranked first.
OTHER_PAGE = (
    "Title: Dưa hấu: giống dưa hấu trồng trong tỉnh\nSlug: giong-dua-hau\n"
    "Summary: Các giống dưa hấu.\n\nDưa hấu ruột đỏ. Dưa hấu ruột vàng. Dưa hấu không hạt.\n"
)
OTHER_PAGE_URL = "/giong-dua-hau/"

PAIRS = [  # typed without diacritics, typed correctly
    ("thi dua", "thi đua"),
    ("bac ha", "bắc hà"),
    ("don bien phong", "đồn biên phòng"),
    ("khen thuong", "khen thưởng"),
    ("dai hoi", "đại hội"),
]


def content_files() -> dict[str, str]:
    files = {}
    for slug, (topic, title, date, category, summary, body) in ARTICLES.items():
        files[f"articles/{slug}.md"] = article(
            title, date, category, summary, body=body, slug=slug, tags=topic, authors="Ban biên tập"
        )
    files["pages/giong-dua-hau.md"] = OTHER_PAGE
    return files


def topic_of(url: str) -> str | None:
    slug = url.rstrip("/").rsplit("/", 1)[-1]
    return ARTICLES[slug][0] if slug in ARTICLES else None


@pytest.fixture
def pagefind_runs(monkeypatch) -> list:
    """The --glob of each Pagefind run the test makes (None: the whole site), in order."""
    runs = []
    real = run.run_pagefind

    def counting(site, glob=None, output=None):
        runs.append(glob)
        real(site, glob, output)

    monkeypatch.setattr(run, "run_pagefind", counting)
    return runs


@pytest.fixture(scope="session")
def search_site(tmp_path_factory) -> Path:
    """The labelled site, built and indexed (Pagefind + lexicon)."""
    from tools.search import index

    root = tmp_path_factory.mktemp("search-site")
    content = make_content(root / "content", content_files())
    output = pelican_build(content, root / "output")
    index(output)
    return output


@pytest.fixture(scope="session")
def search_server(search_site):
    """Base URL of the labelled site served on 127.0.0.1."""
    with serving(search_site) as base_url:
        yield base_url
