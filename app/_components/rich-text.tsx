// Renders lib/rich-text's tree as React elements: what a creator typed is always text content,
// links open outside the site without passing it the page's address.
import { parseRichText, type RichInline } from "@/lib/rich-text";

function Inline({ nodes }: { nodes: RichInline[] }) {
  return nodes.map((node, index) => {
    switch (node.type) {
      case "text":
        return <span key={index}>{node.text}</span>;
      case "bold":
        return (
          <strong key={index} className="font-semibold text-ink">
            <Inline nodes={node.children} />
          </strong>
        );
      case "italic":
        return (
          <em key={index}>
            <Inline nodes={node.children} />
          </em>
        );
      case "link":
        return (
          <a key={index} href={node.href} rel="noopener noreferrer nofollow" target="_blank" className="underline underline-offset-2">
            <Inline nodes={node.children} />
          </a>
        );
    }
  });
}

export function RichText({ source, className = "" }: { source: string; className?: string }) {
  const blocks = parseRichText(source);
  if (!blocks.length) return null;
  return (
    <div className={`space-y-2 ${className}`}>
      {blocks.map((block, index) =>
        block.type === "list" ? (
          <ul key={index} className="list-disc space-y-1 pl-5">
            {block.items.map((item, i) => (
              <li key={i}>
                <Inline nodes={item} />
              </li>
            ))}
          </ul>
        ) : (
          <p key={index}>
            {block.lines.map((line, i) => (
              <span key={i}>
                {i > 0 && <br />}
                <Inline nodes={line} />
              </span>
            ))}
          </p>
        ),
      )}
    </div>
  );
}
