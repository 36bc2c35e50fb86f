"""Fixture articles written for the tests (real format, invented people and figures), helpers."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from phuong_reader.index.query.search import SearchEngine

# Each reproduces a hard case of the real format; sentences are our own.
ARTICLES: dict[str, str] = {
    # Date marker on the lead's line; primary ward named in the lead.
    "101_tansonhoa": (
        " date 2026-01-20 Phường Tân Sơn Hòa (TPHCM) vừa tổng kết năm với nhiều mô hình chăm lo "
        "người dân được đánh giá cao.\n\n"
        "Sáng 20-1, Đảng ủy phường Tân Sơn Hòa tổ chức hội nghị tổng kết công tác năm 2025. "
        "Phường có 27 hộ thoát nghèo và hoàn thành 32/33 nội dung đăng ký thi đua.\n\n"
        "Đại biểu dự hội nghị tại hội trường phường Tân Sơn Hòa\n\n"
        "Bí thư Đảng ủy phường Tân Sơn Hòa Lâm Quốc Trung cho biết, phường khen thưởng "
        "33 tập thể và 140 cá nhân, đồng thời đẩy mạnh chuyển đổi số trong thủ tục hành chính.\n\n"
        "KHÁNH VY"
    ),
    # No date marker; primary ward named only in a caption and late in the body; noise lines.
    "102_phuthanh": (
        "Thời sự > Xây dựng Đảng\n\n"
        "Đường dây nóng: 0909.123.456\n\n"
        "Năm qua, Đảng ủy phường đã lãnh đạo thực hiện tốt nhiệm vụ chính trị, chăm lo đời sống "
        "của người dân trong mô hình chính quyền hai cấp.\n\n"
        "Công tác cải cách hành chính có chuyển biến rõ, người dân hài lòng với cách phục vụ. "
        "Có 3 tập thể được đề nghị khen thưởng cấp thành phố.\n\n"
        "- Ảnh 1.\n\n"
        "Chủ tịch UBND phường Phú Thạnh Đặng Minh Khoa báo cáo tại hội nghị\n\n"
        "Đồng chí Hồ Ngọc Lan, Phó Bí thư Đảng ủy, nhấn mạnh phường Phú Thạnh cần giữ vững an "
        "ninh trật tự và chăm lo Tết cho gia đình chính sách.\n\n"
        "IMG_2041.JPG\n\n"
        "Quang cảnh buổi làm việc; Ảnh: MINH TÚ\n\n"
        "HOÀNG LONG"
    ),
    # Mentions Tân Sơn Hòa syllables but is about Tân Sơn Nhất.
    "103_tansonnhat": (
        " date 2026-02-03 Phường Tân Sơn Nhất ra mắt tổ dân phố kiểu mẫu, nơi tân sinh viên và "
        "người lao động hòa nhập nhanh với cộng đồng.\n\n"
        "Theo UBND phường Tân Sơn Nhất, mô hình được nhân rộng ra 12 khu phố, với 98% hộ dân "
        "đồng thuận. Cán bộ phường Tân Sơn Hòa cũng đến tham quan, học hỏi kinh nghiệm.\n\n"
        "Người dân phường Tân Sơn Nhất tham gia ngày hội\n\n"
        "THU TRANG"
    ),
    # Contains "hóa" (not "hòa"), a close figure "99,98%" and a canal named after a ward.
    "104_vanhoa": (
        " date 2025-11-12 Xã Bình Mỹ đẩy mạnh phong trào văn hóa ở cơ sở, nâng tỷ lệ gia đình "
        "văn hóa lên 99,98%.\n\n"
        "Dọc kênh An Phú, người dân trồng hoa và dọn rác mỗi sáng chủ nhật. UBND xã Bình Mỹ cho "
        "biết đã giải ngân 24,661 tỷ đồng cho các công trình văn hóa và 2.461 đảng viên tham gia.\n\n"
        "Nghị quyết 68-NQ/TW được quán triệt tới từng chi bộ xã Bình Mỹ.\n\n"
        "NGỌC HÂN"
    ),
    # Old tone placement throughout ("Hoà", "Uỷ", "thuỷ", "khoẻ").
    "105_phuthohoa": (
        " date 2026-03-08 Uỷ ban nhân dân phường Phú Thọ Hoà tổ chức ngày hội sức khoẻ cho "
        "người cao tuổi, kết hợp tuyên truyền phòng chống đuối nước ở khu vực thuỷ lợi.\n\n"
        "Phó Chủ tịch UBND phường Phú Thọ Hoà Trịnh Bảo Ngọc cho biết, có 410 người được khám "
        "miễn phí, hoà giải thành 15 vụ việc ở cơ sở.\n\n"
        "Người dân phường Phú Thọ Hoà được tư vấn sức khoẻ\n\n"
        "QUỐC VIỆT"
    ),
    # Names An Phú Đông many times, An Phú never as a ward.
    "106_anphudong": (
        " date 2025-12-01 Phường An Phú Đông khánh thành cây cầu bê tông mới thay cầu khỉ cũ.\n\n"
        "Công trình dài 36 m, tổng vốn 4,2 tỷ đồng, do người dân phường An Phú Đông và các nhà "
        "hảo tâm đóng góp. Trường Tiểu học An Phú gửi tặng 50 suất học bổng.\n\n"
        "Lãnh đạo phường An Phú Đông cắt băng khánh thành\n\n"
        "VĂN MINH"
    ),
    # About An Phú; words scattered ("an" and "phú" not adjacent elsewhere).
    "107_anphu": (
        " date 2025-10-05 Phường An Phú tổ chức đối thoại với doanh nghiệp về chuyển đổi số.\n\n"
        "UBND phường An Phú ghi nhận 18 kiến nghị, giải quyết xong 17 kiến nghị. Người dân an "
        "tâm, cuộc sống ngày càng phú túc.\n\n"
        "Doanh nghiệp trao đổi tại buổi đối thoại ở phường An Phú\n\n"
        "MAI ANH"
    ),
    # Words "an" and "phu" scattered, no ward named: must rank below the An Phú articles.
    "108_scattered": (
        " date 2025-09-09 Xã Cần Giờ trồng mới 12 ha rừng ngập mặn, người dân an cư và "
        "giàu có hơn nhờ du lịch sinh thái; một số hộ đã phú quý từ nghề nuôi hàu.\n\n"
        "UBND xã Cần Giờ cho biết diện tích rừng đạt 2,8 km2 sau ba năm.\n\n"
        "Du khách tham quan rừng ngập mặn xã Cần Giờ\n\n"
        "HỒNG NHUNG"
    ),
}


def write_corpus(folder: Path, articles: dict[str, str] | None = None) -> Path:
    """Write ``articles`` (default: ARTICLES) as UTF-8 files into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for article_id, text in (articles or ARTICLES).items():
        (folder / f"{article_id}.txt").write_text(text, "utf-8")
    return folder


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def ids(engine: SearchEngine, query: str, **kwargs: object) -> list[str]:
    """The ids of the hits for ``query``, best first."""
    return [h.id for h in engine.search(query, limit=50, **kwargs).hits]
