package dev.rowguard.bench;

import java.nio.file.Path;
import java.nio.file.Paths;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Turns the effective pom of a published artifact ({@code help:effective-pom}) into a pom whose
 * class path is the artifact's own compile and provided dependencies: the same dependencies and
 * dependency management, no test dependencies (Maven resolves those too, and a project's test
 * artifacts are often not published), no parent, build or profiles.
 *
 * <p>Usage: {@code java dev.rowguard.bench.ClasspathPom EFFECTIVE_POM OUT_POM}.
 */
public final class ClasspathPom {
  private ClasspathPom() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: ClasspathPom EFFECTIVE_POM OUT_POM");
      System.exit(2);
    }
    write(Paths.get(args[0]), Paths.get(args[1]));
  }

  static void write(Path effectivePom, Path out) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    DocumentBuilder builder = factory.newDocumentBuilder();
    Document source = builder.parse(effectivePom.toFile());
    Element project = source.getDocumentElement();

    Document pom = builder.newDocument();
    Element root = pom.createElement("project");
    pom.appendChild(root);
    text(pom, root, "modelVersion", "4.0.0");
    text(pom, root, "groupId", "dev.rowguard.realcode");
    text(pom, root, "artifactId", child(project, "artifactId").getTextContent().trim());
    text(pom, root, "version", "0");
    Element management = child(project, "dependencyManagement");
    if (management != null) {
      root.appendChild(pom.importNode(management, true));
    }
    Element dependencies = pom.createElement("dependencies");
    root.appendChild(dependencies);
    Element declared = child(project, "dependencies");
    if (declared != null) {
      NodeList list = declared.getChildNodes();
      for (int i = 0; i < list.getLength(); i++) {
        if (list.item(i) instanceof Element dependency
            && dependency.getTagName().equals("dependency")) {
          Element scope = child(dependency, "scope");
          if (scope == null || !scope.getTextContent().trim().equals("test")) {
            dependencies.appendChild(pom.importNode(dependency, true));
          }
        }
      }
    }
    Transformer transformer = TransformerFactory.newInstance().newTransformer();
    transformer.setOutputProperty(OutputKeys.INDENT, "yes");
    transformer.transform(new DOMSource(pom), new StreamResult(out.toFile()));
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static void text(Document doc, Element parent, String name, String value) {
    Element e = doc.createElement(name);
    e.setTextContent(value);
    parent.appendChild(e);
  }
}
