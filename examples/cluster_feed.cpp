// The README's library example as a program: cluster one feed with the bundled model and
// print which reports are one event. Build: part of the default build (build/examples/).
// Run: build/examples/cluster_feed examples/demo/articles.jsonl
#include <iostream>

#include <crossdup/pipeline.h>
#include <crossdup/read.h>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: cluster_feed FEED.jsonl...\n";
    return 1;
  }
  try {
    crossdup::Model model = crossdup::Model::load(crossdup::default_model_path());
    crossdup::LanguageIdentifier lid(crossdup::default_lid_model_path(), &model);
    crossdup::Options options;  // documented defaults
    crossdup::Pipeline pipeline(model, lid, options);
    crossdup::BatchResult result =
        pipeline.run(crossdup::read_inputs(std::vector<std::string>(argv + 1, argv + argc), options));
    for (const auto& cluster : result.clusters) {
      if (cluster.members.size() < 2) continue;
      std::cout << cluster.id << ':';
      for (uint32_t m : cluster.members)
        std::cout << ' ' << result.articles[m].id << " (" << result.articles[m].lang << ')';
      std::cout << '\n';
    }
    for (const auto& reject : result.rejects)
      std::cerr << reject.origin.input << ':' << reject.origin.line << ": " << reject.reason << '\n';
  } catch (const crossdup::Error& e) {
    std::cerr << "cluster_feed: " << e.what() << '\n';
    return 2;
  }
  return 0;
}
