export function App() {
  return (
    <main>
      <h1>Switchyard</h1>
      <p>No roles yet.</p>
    </main>
  );
}
