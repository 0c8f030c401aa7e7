package dev.ec2kit.local.internal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The YAML that cloud-config is read in, form by form as the README lists them: each accepted form
 * read as YAML reads it, each other form refused with its line, never guessed at.
 */
class YamlTest {
  @Test
  void the_forms_cloud_config_files_are_written_in_read_as_yaml_reads_them() throws Exception {
    Map<String, Object> doc =
        Yaml.parse(
            """
            #cloud-config
            ---
            plain: a value # a comment
            single: 'it''s'
            double: "tab\\there\\nnew \\"q\\""
            empty:
            literal: |
              line one
                indented
              line three
            stripped: |-
              no newline
            folded: >
              joined
              together

              new paragraph
            list:
            - first
            - 'second # not a comment'
            - [sh, -c, "echo a, b", 'x']
            nested:
              - name: bob
                groups: [a, b]
                deeper:
                  key: v
              - default
            """);
    assertThat(doc)
        .containsEntry("plain", "a value")
        .containsEntry("single", "it's")
        .containsEntry("double", "tab\there\nnew \"q\"")
        .containsEntry("empty", null)
        .containsEntry("literal", "line one\n  indented\nline three\n")
        .containsEntry("stripped", "no newline")
        .containsEntry("folded", "joined together\nnew paragraph\n")
        .containsEntry(
            "list",
            List.of("first", "second # not a comment", List.of("sh", "-c", "echo a, b", "x")))
        .containsEntry(
            "nested",
            List.of(
                Map.of("name", "bob", "groups", List.of("a", "b"), "deeper", Map.of("key", "v")),
                "default"));
  }

  @Test
  void tabs_inside_a_block_scalar_are_its_content_as_in_yaml() throws Exception {
    Map<String, Object> doc =
        Yaml.parse(
            "write_files:\n"
                + "  - path: /etc/tabbed\n"
                + "    content: |\n"
                + "      key\tvalue\n"
                + "      \tindented with a tab\n"
                + "runcmd:\n"
                + "  - |\n"
                + "    if true; then\n"
                + "    \techo tab\n"
                + "    fi\n");
    assertThat(doc.get("write_files"))
        .isEqualTo(
            List.of(
                Map.of("path", "/etc/tabbed", "content", "key\tvalue\n\tindented with a tab\n")));
    assertThat(doc.get("runcmd")).isEqualTo(List.of("if true; then\n\techo tab\nfi\n"));
  }

  @Test
  void every_other_form_is_refused_with_its_line() {
    Map<String, String> refused =
        Map.ofEntries(
            Map.entry("a: &x 1\n", "line 1: an anchor"),
            Map.entry("a: 1\nb: *x\n", "line 2: an alias"),
            Map.entry("a: !!str 1\n", "line 1: a tag"),
            Map.entry("a: {b: 1}\n", "line 1: a flow mapping"),
            Map.entry("a:\n\t- 1\n", "line 2: a tab in indentation"),
            Map.entry("a: 'open\n  close'\n", "line 1: a single-quoted scalar not closed"),
            Map.entry("a: [1, [2]]\n", "line 1: a flow sequence holding other than scalars"),
            Map.entry("a:\n  - - 1\n", "line 2: a block sequence directly in a sequence"),
            Map.entry("a: 1\na: 2\n", "line 2: the key 'a' twice"),
            Map.entry("\"a\": 1\n", "line 1: a key that is not a plain word"),
            Map.entry("a: 1\n---\nb: 2\n", "line 2: a second document"),
            Map.entry("a: 1\n   b: 2\n", "line 2: unexpected indentation"),
            Map.entry("- a\n", "line 1: cloud-config is a mapping at its top"));
    refused.forEach(
        (text, why) ->
            assertThatThrownBy(() -> Yaml.parse(text))
                .as(text)
                .isInstanceOf(Yaml.Refused.class)
                .hasMessageStartingWith(why));
  }
}
