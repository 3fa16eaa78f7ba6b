from marsad.ingest import read_document, read_path




def test_html_page_gives_just_the_article(examples):
    document = read_path(examples / "basra-protest.html")
    assert document.title == "محتجون يغلقون طريق ميناء أم قصر في البصرة"
    assert document.published == "2024-07-09"
    text = document.text
    assert "أغلق مئات المحتجين" in text
    assert "محافظ البصرة" in text
    for furniture in ("اقتصاد", "رياضة", "الأكثر قراءة", "أسعار الذهب", "كل صيف نفس المشكلة",
                      "جميع الحقوق محفوظة", "تابعونا"):
        assert furniture not in text, furniture
    assert text.count(document.title) == 1


def test_html_saved_in_windows_1256_gives_the_same_document(examples):
    page = examples / "basra-protest.html"
    html = page.read_text("utf-8").replace('charset="utf-8"', 'charset="windows-1256"')
    legacy = read_document(html.encode("cp1256"), "page-1256.html")
    original = read_path(page)
    assert (legacy.title, legacy.text, legacy.published) == (original.title, original.text, original.published)


def test_html_sniffed_without_extension(examples):
    document = read_document((examples / "basra-protest.html").read_bytes(), "<stdin>")
    assert document.title.startswith("محتجون")
