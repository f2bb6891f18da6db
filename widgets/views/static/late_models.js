// Prepended to each of the course's anywidget modules (see widgets/views/assets.py).
//
// anywidget 0.11 gives a model 2 s to load its module. Past that it rejects
// the model's `ready` promise for good, and from then on every message from
// the kernel to that model is dropped: a saved answer never reaches the
// browser's storage, a restored choice never shows. Under load (a class
// opening pages at once) loading takes longer than 2 s. Once one of our
// modules runs, messages to a model that timed out are handed to
// ipywidgets' own handler instead: by then the module has loaded.
const LATE_MODEL = "[anywidget] Failed to initialize model.";

async function recoverLateModels(model) {
  try {
    const AnyModel = await model.widget_manager.loadModelClass(
      model.get("_model_name"),
      model.get("_model_module"),
      model.get("_model_module_version"),
    );
    AnyModel.kcRecovery ??= guardLateModels(AnyModel, model.widget_manager);
    await AnyModel.kcRecovery;
  } catch (error) {
    console.warn("[course] could not guard against late widgets:", error);
  }
}

async function guardLateModels(AnyModel, manager) {
  // The rejected `ready` of a late model is handled below: say so once.
  window.addEventListener("unhandledrejection", (event) => {
    if (event.reason instanceof Error && event.reason.message === LATE_MODEL) {
      event.preventDefault();
      console.warn("[course] a widget loaded late; its messages are handled as they come");
    }
  });
  const proto = AnyModel.prototype;
  const whenReady = proto._handle_comm_msg;
  const handleNow = Object.getPrototypeOf(proto)._handle_comm_msg;
  proto._handle_comm_msg = function (...message) {
    return whenReady.apply(this, message).catch((error) => {
      if (!(error instanceof Error) || error.message !== LATE_MODEL) throw error;
      return handleNow.apply(this, message);
    });
  };
  // A model binds its handler to its comm when it is built: models built
  // before this point still hold the old one.
  const { state } = await manager.get_state();
  for (const id of Object.keys(state)) {
    const built = await manager.get_model(id);
    if (built instanceof AnyModel && built.comm) {
      built.comm.on_msg(built._handle_comm_msg.bind(built));
    }
  }
}

