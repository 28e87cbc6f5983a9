"""Writes the project's check fixtures: the reports, videos and MEMBERS files of solution/ and wrong/.

Run from this folder with any Python 3: python3 make_fixtures.py. The videos are MP4/MOV box
structures with a few bytes of payload (enough for the video check, which never decodes a frame);
the reports are one-page PDFs with the text given below.
"""
import os
import struct

GROUP = [("Alice Tan", "U1500001A"), ("Bob Lim", "U1500002B"), ("Carol Tan", "U2234567F")]
SECTIONS = ["Introduction", "Method", "Experiments", "Conclusion"]


def pdf(lines):
    def esc(t):
        return t.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = "BT /F1 11 Tf 50 750 Td 14 TL\n" + "".join("(%s) '\n" % esc(l) for l in lines) + "ET"
    objects = ["<< /Type /Catalog /Pages 2 0 R >>",
               "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >>"
               " /Contents 5 0 R >>",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               "<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objects, 1):
        offsets.append(len(out))
        out += ("%d 0 obj\n%s\nendobj\n" % (i, o)).encode("latin-1")
    xref = len(out)
    out += ("xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)).encode()
    out += b"".join(("%010d 00000 n \n" % o).encode() for o in offsets)
    out += ("trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)).encode()
    return out


def box(kind, body):
    return struct.pack(">I", 8 + len(body)) + kind.encode("latin-1") + body


def mp4(seconds, codec="avc1", brand="isom", timescale=90000):
    duration = int(round(seconds * timescale))
    mvhd = box("mvhd", struct.pack(">IIIII", 0, 0, 0, timescale, duration) + bytes(80))
    mdhd = box("mdhd", struct.pack(">IIIIII", 0, 0, 0, timescale, duration, 0))
    hdlr = box("hdlr", struct.pack(">II", 0, 0) + b"vide" + bytes(12) + b"Video\0")
    stsd = box("stsd", struct.pack(">II", 0, 1) + box(codec, bytes(78)))
    trak = box("trak", box("mdia", mdhd + hdlr + box("minf", box("stbl", stsd))))
    ftyp = box("ftyp", brand.encode() + struct.pack(">I", 0x200) + brand.encode() + b"mp41")
    return ftyp + box("moov", mvhd + trak) + box("mdat", bytes(64))


def report(members):
    lines = ["Do wider networks learn XOR faster?", "Group: " + ", ".join("%s (%s)" % m for m in members)]
    for s in SECTIONS:
        lines += [s, "Text of the %s section." % s.lower()]
    return pdf(lines)


def write(folder, name, data):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def members(folder):
    write(folder, "MEMBERS", "".join("%s, %s\n" % m for m in GROUP).encode())


def main():
    write("solution", "report.pdf", report(GROUP))
    write("solution", "video.mp4", mp4(4 * 60 + 59.5))
    members("solution")
    write("wrong/report-missing-member", "report.pdf", report(GROUP[:2]))
    members("wrong/report-missing-member")
    write("wrong/video-too-long", "video.mp4", mp4(5 * 60 + 0.04))
    write("wrong/video-webm", "video.webm", b"\x1a\x45\xdf\xa3" + bytes(60))
    write("wrong/video-hevc", "video.mov", mp4(120, codec="hvc1", brand="qt  "))


if __name__ == "__main__":
    main()
