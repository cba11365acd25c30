// The article both baseline pages render: the title and the same stored HTML the post page
// injects, the same way. bench/run.ts writes article.generated.json before building this app.
import article from "../article.generated.json";

export function Article() {
  return (
    <main>
      <article>
        <h1>{article.title}</h1>
        <div dangerouslySetInnerHTML={{ __html: article.html }} />
      </article>
    </main>
  );
}

export const metadata = { title: article.title };
