package dev.rowguard.cli.report;

import dev.rowguard.cli.findings.Finding;
import dev.rowguard.cli.findings.TrackedFinding;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Checkstyle XML, which reviewdog ({@code -f=checkstyle}) and Jenkins' warnings-ng read. */
final class CheckstyleFormat implements ReportFormat {

  @Override
  public void write(Report report, Writer out) throws IOException {
    Map<String, List<TrackedFinding>> byFile =
        report.findings().stream()
            .collect(
                Collectors.groupingBy(
                    t -> t.finding().path(), LinkedHashMap::new, Collectors.toList()));
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("checkstyle");
      xml.writeAttribute("version", "4.3");
      for (Map.Entry<String, List<TrackedFinding>> file : byFile.entrySet()) {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("file");
        xml.writeAttribute("name", file.getKey());
        for (TrackedFinding t : file.getValue()) {
          Finding f = t.finding();
          xml.writeCharacters("\n    ");
          xml.writeEmptyElement("error");
          xml.writeAttribute("line", Integer.toString(f.line()));
          if (f.column() > 0) {
            xml.writeAttribute("column", Integer.toString(f.column()));
          }
          xml.writeAttribute("severity", severity(f));
          xml.writeAttribute("message", "[" + f.check() + "] " + f.fullMessage());
          xml.writeAttribute("source", f.check());
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
      }
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.writeCharacters("\n");
      xml.flush();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write checkstyle XML: " + e.getMessage(), e);
    }
  }

  private static String severity(Finding f) {
    return switch (f.severity()) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case NOTE -> "info";
    };
  }
}
