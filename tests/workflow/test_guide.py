"""The staff guide explains every message of `make check` (docs/huong-dan-bien-tap.md)."""

from __future__ import annotations

import pytest

from tests.support import ROOT

GUIDE = ROOT / "docs" / "huong-dan-bien-tap.md"
# One phrase of each message the rules in plugins/checks/rules.py and runner.py can print.
MESSAGES = [
    "Thiếu tiêu đề (Title)",
    "Tiêu đề (Title) đang để trống",
    "Thiếu ngày đăng (Date)",
    "Thiếu chuyên mục (Category)",
    "Thiếu sa-pô (Summary)",
    "bài nháp được thiếu, nhưng phải có trước khi đăng",
    "không có thật",
    "viết theo kiểu ngày/tháng/năm",
    "không hiểu ngày",
    "còn hơn một năm nữa",
    "không có trong danh sách chuyên mục của trang",
    "Trạng thái (Status)",
    "Địa chỉ bài (Slug)",
    "xuất hiện hai lần",
    "không được trang dùng đến",
    "không được đọc là thông tin đầu bài",
    "Sa-pô (Summary) dài",
    "còn chỗ [[CẦN ĐIỀN]]",
    "Bài chưa có nội dung",
    "Hai bài cùng địa chỉ",
    "Không tìm thấy tệp",
    "chưa có mô tả (alt)",
    "là tên tệp, không nói ảnh có gì",
    "lấy từ trang web khác",
    "thiếu {static} ở đầu",
    "quá giới hạn 50 MB",
    "(quá 10 MB)",
    "trỏ tới bài không có",
    "trỏ ra ngoài thư mục content",
    "là bài nháp, chưa được đăng",
    "là bài hẹn giờ",
    "Dữ liệu khen thưởng không có đơn vị",
    "Dữ liệu khen thưởng không có khối thi đua",
    "Dữ liệu khen thưởng không có quyết định",
    "Unicode tổ hợp",
    "Tệp không phải văn bản mã UTF-8",
    "Bản nháp chưa xem trước được",
    "Chưa xuất bản.",
    "Chưa biết xuất bản lên đâu",
    "Mẫu trang (Template)",
    "Ngôn ngữ (Lang)",
    "không dùng được: không được có",
    "ký tự vô hình",
    "ký tự điều khiển",
    "qua một liên kết tượng trưng (symlink)",
    "Tệp là liên kết tượng trưng (symlink) trỏ ra ngoài thư mục content/",
]


@pytest.mark.parametrize("phrase", MESSAGES)
def test_guide_explains_message(phrase):
    assert phrase in GUIDE.read_text(encoding="utf-8")


def test_guide_covers_the_whole_workflow():
    text = GUIDE.read_text(encoding="utf-8")
    for command in ("make new", "make serve", "make check", "make publish", "make deploy"):
        assert command in text
    for topic in ("Chú thích", "Units:", "phu_luc", "Status: draft", "Bản nháp"):
        assert topic.lower() in text.lower(), topic
